package main

// The `packagemanager` runtime option. Running a program does not depend on it: node starts
// @pulumi/pulumi/cmd/run from the project's node_modules, which npm, pnpm and Yarn classic (with its
// default node_modules linker) all lay out so that plain Node resolution finds it. The option only
// chooses the command for `pulumi install` (InstallDependencies) and what `pulumi about` reports.
//
// Supported: npm, pnpm, yarn (classic, or Berry with `nodeLinker: node-modules`), and auto (the default:
// the lockfile decides, as in the upstream host). Not supported: bun, and Yarn Plug'n'Play, which Pulumi
// itself does not support (pulumi/pulumi#3586): there is no node_modules to run the program from.

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
)

// packageManagers are the accepted values of the option besides "auto", with their install commands.
var packageManagers = map[string][]string{
	"npm":  {"npm", "install", "--loglevel=error"},
	"pnpm": {"pnpm", "install"},
	"yarn": {"yarn", "install"},
}

// lockfiles decide "auto", first match wins (the upstream order: Yarn, then pnpm, else npm).
var lockfiles = []struct{ file, manager string }{
	{"yarn.lock", "yarn"},
	{"pnpm-lock.yaml", "pnpm"},
}

// validPackageManager checks the option's value as written in Pulumi.yaml.
func validPackageManager(v any) (string, error) {
	s, ok := v.(string)
	if !ok {
		return "", errors.New("runtime option 'packagemanager' must be a string")
	}
	if _, known := packageManagers[s]; known || s == "auto" || s == "" {
		return s, nil
	}
	return "", fmt.Errorf("runtime option packagemanager=%s is not supported by this language host "+
		"(npm, pnpm, yarn or auto)", s)
}

// resolvePackageManager turns "auto" (or unset) into a manager by the lockfile in the program folder
// or the project root; PULUMI_PREFER_YARN=true prefers Yarn as upstream does.
func resolvePackageManager(option string, dirs ...string) string {
	if option != "" && option != "auto" {
		return option
	}
	if os.Getenv("PULUMI_PREFER_YARN") == "true" {
		return "yarn"
	}
	for _, dir := range dirs {
		if dir == "" {
			continue
		}
		for _, l := range lockfiles {
			if _, err := os.Stat(filepath.Join(dir, l.file)); err == nil {
				return l.manager
			}
		}
	}
	return "npm"
}

// refusePlugAndPlay explains why a Yarn PnP install cannot run (no node_modules to start node from).
func refusePlugAndPlay(dir string) error {
	for _, name := range []string{".pnp.cjs", ".pnp.js"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err == nil {
			return fmt.Errorf("%s uses Yarn Plug'n'Play (%s), which Pulumi does not support "+
				"(pulumi/pulumi#3586): set `nodeLinker: node-modules` in .yarnrc.yml and run `yarn install`",
				dir, name)
		}
	}
	return nil
}
