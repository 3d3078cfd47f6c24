// Command gensdk generates the Python SDK of a self-contained package schema (one that references no
// other package) with pkg/v3/codegen/python, the generator `pulumi package gen-sdk --language python`
// uses. The CLI delegates that to the Python language host, which cannot be built here (the Go proxy
// answers 403 for it), so scripts/plugin-pack.sh runs this instead.
//
//	go run ./gensdk -schema schema.json -out sdk/python
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/blang/semver"
	"github.com/pulumi/pulumi/pkg/v3/codegen/python"
	"github.com/pulumi/pulumi/pkg/v3/codegen/schema"
)

// noReferences refuses every load: the schema is expected to stand alone.
type noReferences struct{}

var errReference = errors.New("the schema references another package; gensdk only handles self-contained schemas")

func (noReferences) LoadPackage(string, *semver.Version) (*schema.Package, error) { return nil, errReference }
func (noReferences) LoadPackageV2(context.Context, *schema.PackageDescriptor) (*schema.Package, error) {
	return nil, errReference
}
func (noReferences) LoadPackageReference(string, *semver.Version) (schema.PackageReference, error) {
	return nil, errReference
}
func (noReferences) LoadPackageReferenceV2(context.Context, *schema.PackageDescriptor) (schema.PackageReference, error) {
	return nil, errReference
}

func main() {
	schemaPath := flag.String("schema", "schema.json", "package schema (JSON)")
	out := flag.String("out", "sdk/python", "output folder")
	flag.Parse()
	if err := generate(*schemaPath, *out); err != nil {
		fmt.Fprintf(os.Stderr, "gensdk: %v\n", err)
		os.Exit(1)
	}
}

func generate(schemaPath, out string) error {
	data, err := os.ReadFile(schemaPath)
	if err != nil {
		return err
	}
	var spec schema.PackageSpec
	if err := json.Unmarshal(data, &spec); err != nil {
		return fmt.Errorf("parse %s: %w", schemaPath, err)
	}
	pkg, diags, err := schema.BindSpec(spec, noReferences{}, schema.ValidationOptions{})
	if err != nil {
		return err
	}
	if diags.HasErrors() {
		return diags
	}
	files, err := python.GeneratePackage("pulumi-uploadcare-gensdk", pkg, nil, noReferences{})
	if err != nil {
		return err
	}
	for name, content := range files {
		path := filepath.Join(out, name)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(path, content, 0o644); err != nil {
			return err
		}
	}
	return nil
}
