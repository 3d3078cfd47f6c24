package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestValidPackageManager(t *testing.T) {
	for _, ok := range []string{"npm", "pnpm", "yarn", "auto", ""} {
		if got, err := validPackageManager(ok); err != nil || got != ok {
			t.Errorf("validPackageManager(%q) = %q, %v; want it accepted", ok, got, err)
		}
	}
	for _, bad := range []any{"bun", "Yarn", 3} {
		if _, err := validPackageManager(bad); err == nil {
			t.Errorf("validPackageManager(%v) accepted; want an error", bad)
		}
	}
}

func TestResolvePackageManagerByLockfile(t *testing.T) {
	t.Setenv("PULUMI_PREFER_YARN", "")
	dir, root := t.TempDir(), t.TempDir()
	if got := resolvePackageManager("auto", dir, root); got != "npm" {
		t.Errorf("no lockfile: got %s, want npm", got)
	}
	if err := os.WriteFile(filepath.Join(root, "pnpm-lock.yaml"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := resolvePackageManager("", dir, root); got != "pnpm" {
		t.Errorf("pnpm-lock.yaml at the root: got %s, want pnpm", got)
	}
	if err := os.WriteFile(filepath.Join(dir, "yarn.lock"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if got := resolvePackageManager("auto", dir, root); got != "yarn" {
		t.Errorf("yarn.lock in the program folder: got %s, want yarn", got)
	}
	if got := resolvePackageManager("npm", dir, root); got != "npm" {
		t.Errorf("explicit npm: got %s", got)
	}
}

func TestRefusePlugAndPlay(t *testing.T) {
	dir := t.TempDir()
	if err := refusePlugAndPlay(dir); err != nil {
		t.Fatalf("no .pnp.cjs: %v", err)
	}
	if err := os.WriteFile(filepath.Join(dir, ".pnp.cjs"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	err := refusePlugAndPlay(dir)
	if err == nil || !strings.Contains(err.Error(), "pulumi/pulumi#3586") {
		t.Fatalf("with .pnp.cjs: got %v, want the PnP refusal", err)
	}
}
