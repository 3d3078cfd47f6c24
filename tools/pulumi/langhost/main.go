// Command pulumi-language-nodejs is a minimal stand-in for Pulumi's Node.js language host.
//
// Why it exists: the real host lives in the Go module
// github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3, which has no tags and is not
// served by the Go module proxy this project builds from, so `runtime: nodejs` projects could not
// run under a source-built CLI. All the Node-side work (ts-node, entry-point resolution, talking to
// the resource monitor) is done by `@pulumi/pulumi/cmd/run` from the program's own node_modules; a
// language host only has to start that script with the arguments and environment it expects. That
// small contract is what this file implements, following the flags/env the upstream host passes.
//
// The `packagemanager` option may be npm, pnpm, yarn or auto (packagemanager.go): programs run the same
// way with each, the option picks what `pulumi install` runs. Deliberately not supported: bun, Yarn
// Plug'n'Play (refused with an explanation, as Pulumi does not support it either), debugger attach, program/SDK
// generation (GenerateProgram/Project/Package, Pack, Link, RunPlugin), policy packs, the
// synchronous-invoke pipes (`--sync`, only used by long-deprecated sync invokes), and discovery of
// third-party provider plugins from node_modules (GetRequiredPackages reports none, so the engine
// loads providers on demand when a resource registers one).
package main

import (
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/google/shlex"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/types/known/emptypb"

	"github.com/pulumi/pulumi/sdk/v3/go/common/resource/config"
	"github.com/pulumi/pulumi/sdk/v3/go/common/util/rpcutil"
	"github.com/pulumi/pulumi/sdk/v3/go/common/version"
	pulumirpc "github.com/pulumi/pulumi/sdk/v3/proto/go"
)

// Exit code with which @pulumi/pulumi/cmd/run says "the error was already reported through the
// engine's log": we must then Bail instead of adding a second, generic error message.
const exitAfterUserActionableMessage = 32

func main() {
	// The engine may put --logtostderr, -v=N and --tracing before the engine address
	// (plugin.buildPluginArguments); glog (linked in through the SDK) registers the first two.
	tracing := flag.String("tracing", "", "Zipkin-compatible tracing endpoint, forwarded to cmd/run")
	showVersion := flag.Bool("version", false, "print the version and exit")
	flag.Parse()
	if *showVersion {
		fmt.Println(version.Version)
		return
	}

	host := &nodeHost{tracing: *tracing}
	host.cancelCtx, host.cancel = context.WithCancel(context.Background())
	if args := flag.Args(); len(args) > 0 {
		host.engineAddress = args[0]
	}

	// Stop serving on SIGINT or when the engine disappears, so a killed `pulumi` never leaves an
	// orphaned language host (and its node child) behind.
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	if host.engineAddress != "" {
		if err := rpcutil.Healthcheck(ctx, host.engineAddress, 5*time.Minute, stop); err != nil {
			fatal(fmt.Errorf("could not start engine health check: %w", err))
		}
	}
	cancelServe := make(chan bool)
	go func() { <-ctx.Done(); host.cancel(); close(cancelServe) }()

	handle, err := rpcutil.ServeWithOptions(rpcutil.ServeOptions{
		Cancel: cancelServe,
		Init: func(srv *grpc.Server) error {
			pulumirpc.RegisterLanguageRuntimeServer(srv, host)
			return nil
		},
	})
	if err != nil {
		fatal(fmt.Errorf("could not start language host RPC server: %w", err))
	}
	// The engine reads the first stdout line as our port.
	fmt.Printf("%d\n", handle.Port)
	if err := <-handle.Done; err != nil {
		fatal(fmt.Errorf("language host RPC stopped serving: %w", err))
	}
}

func fatal(err error) {
	fmt.Fprintf(os.Stderr, "pulumi-language-nodejs: %v\n", err)
	os.Exit(1)
}

type nodeHost struct {
	pulumirpc.UnimplementedLanguageRuntimeServer

	mu            sync.Mutex
	engineAddress string
	tracing       string
	cancelCtx     context.Context // cancelled by the Cancel RPC: interrupts a running program
	cancel        context.CancelFunc
}

// options mirrors the `runtime.options` of Pulumi.yaml that matter for running a program.
type options struct {
	typescript bool // default true, like upstream
	tsconfig   string
	nodeargs   string
	// packagemanager as written: npm, pnpm, yarn, auto or "" (resolvePackageManager decides the last two).
	packagemanager string
}

func parseOptions(info *pulumirpc.ProgramInfo) (options, error) {
	opts := options{typescript: true}
	m := info.GetOptions().AsMap()
	if v, ok := m["typescript"]; ok {
		b, ok := v.(bool)
		if !ok {
			return opts, errors.New("runtime option 'typescript' must be a boolean")
		}
		opts.typescript = b
	}
	if v, ok := m["tsconfig"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("runtime option 'tsconfig' must be a string")
		}
		opts.tsconfig = s
	}
	if v, ok := m["nodeargs"]; ok {
		s, ok := v.(string)
		if !ok {
			return opts, errors.New("runtime option 'nodeargs' must be a string")
		}
		opts.nodeargs = s
	}
	if v, ok := m["packagemanager"]; ok {
		s, err := validPackageManager(v)
		if err != nil {
			return opts, err
		}
		opts.packagemanager = s
	}
	return opts, nil
}

// programDir falls back to the deprecated top-level fields for engines that do not send Info.
func programDir(info *pulumirpc.ProgramInfo, fallback string) string {
	if d := info.GetProgramDirectory(); d != "" {
		return d
	}
	if fallback != "" {
		return fallback
	}
	return "."
}

// resolveRunScript finds cmd/run in the *program's* @pulumi/pulumi, so the program, the run script
// and the SDK state they share are all the same copy of the package.
func resolveRunScript(ctx context.Context, nodeBin, dir string) (string, error) {
	mod := os.Getenv("PULUMI_LANGUAGE_NODEJS_RUN_PATH") // same override as upstream, for tests
	if mod == "" {
		mod = "@pulumi/pulumi/cmd/run"
	}
	script := fmt.Sprintf(`try { console.log(require.resolve(%q)); } catch (e) { `+
		`console.error(e.code === "MODULE_NOT_FOUND" ? "It looks like the Pulumi SDK has not been installed. `+
		`Have you installed the dependencies (npm, pnpm or yarn install, or pulumi install) in %s?" : e.message); process.exit(1); }`, mod, dir)
	cmd := exec.CommandContext(ctx, nodeBin, "-e", script)
	cmd.Dir = dir
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) && len(ee.Stderr) > 0 {
			return "", errors.New(strings.TrimSpace(string(ee.Stderr)))
		}
		return "", err
	}
	return strings.TrimSpace(string(out)), nil
}

func (h *nodeHost) Run(ctx context.Context, req *pulumirpc.RunRequest) (*pulumirpc.RunResponse, error) {
	// Errors here are returned in RunResponse.Error (not as gRPC errors) so the engine reports them
	// once, as a program failure, rather than as an internal RPC failure.
	fail := func(err error) (*pulumirpc.RunResponse, error) {
		return &pulumirpc.RunResponse{Error: err.Error()}, nil
	}
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return fail(fmt.Errorf("could not find node on the $PATH: %w", err))
	}
	dir := programDir(req.GetInfo(), req.GetPwd())
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return fail(err)
	}
	if err := refusePlugAndPlay(dir); err != nil {
		return fail(err)
	}
	runScript, err := resolveRunScript(ctx, nodeBin, dir)
	if err != nil {
		return fail(err)
	}

	// Node flags first, then the run script and its flags (the same set, order and spelling as the
	// upstream host; cmd/run parses them with minimist and copies them into PULUMI_NODEJS_* env vars).
	args, err := shlex.Split(opts.nodeargs)
	if err != nil {
		return fail(fmt.Errorf("invalid runtime option 'nodeargs': %w", err))
	}
	args = append(args, runScript)
	add := func(k, v string) {
		if v != "" {
			args = append(args, "--"+k, v)
		}
	}
	h.mu.Lock()
	add("monitor", req.GetMonitorAddress())
	add("engine", h.engineAddress)
	h.mu.Unlock()
	add("organization", req.GetOrganization())
	add("project", req.GetProject())
	add("root-directory", req.GetInfo().GetRootDirectory())
	add("stack", req.GetStack())
	add("pwd", dir)
	if req.GetDryRun() {
		args = append(args, "--dry-run")
	}
	add("parallel", strconv.Itoa(int(req.GetParallel())))
	add("tracing", h.tracing)
	entry := req.GetInfo().GetEntryPoint()
	if entry == "" {
		entry = req.GetProgram() // deprecated field; "." lets cmd/run use package.json main/exports
	}
	if entry == "" {
		entry = "."
	}
	args = append(args, entry)
	args = append(args, req.GetArgs()...)

	cfg, err := configJSON(req.GetConfig())
	if err != nil {
		return fail(fmt.Errorf("failed to serialize configuration: %w", err))
	}
	secretKeys := req.GetConfigSecretKeys()
	if secretKeys == nil {
		secretKeys = []string{}
	}
	secretJSON, err := json.Marshal(secretKeys)
	if err != nil {
		return fail(err)
	}
	env := append(os.Environ(), "PULUMI_CONFIG="+cfg, "PULUMI_CONFIG_SECRET_KEYS="+string(secretJSON))
	if opts.typescript {
		env = append(env, "PULUMI_NODEJS_TYPESCRIPT=true")
	}
	if opts.tsconfig != "" {
		env = append(env, "PULUMI_NODEJS_TSCONFIG_PATH="+opts.tsconfig)
	}

	// Stop node when the engine cancels (Cancel RPC) or abandons the request; interrupt first so
	// the SDK can flush, then kill after a grace period.
	cmdCtx, cmdCancel := context.WithCancel(h.cancelCtx)
	defer cmdCancel()
	stopAfter := context.AfterFunc(ctx, cmdCancel)
	defer stopAfter()
	cmd := exec.CommandContext(cmdCtx, nodeBin, args...)
	cmd.Cancel = func() error { return cmd.Process.Signal(os.Interrupt) }
	cmd.WaitDelay = 5 * time.Second
	cmd.Dir = dir
	cmd.Env = env
	// Wrapping os.Stdout/os.Stderr makes exec copy through a pipe instead of handing node our file
	// descriptors: node may switch them to non-blocking mode, which would break our own writes.
	cmd.Stdout = struct{ io.Writer }{os.Stdout}
	cmd.Stderr = struct{ io.Writer }{os.Stderr}

	if err := cmd.Run(); err != nil {
		var ee *exec.ExitError
		switch {
		case errors.As(err, &ee) && ee.ExitCode() == exitAfterUserActionableMessage:
			// The SDK already logged the user's error through the engine: show nothing more.
			return &pulumirpc.RunResponse{Bail: true}, nil
		case errors.As(err, &ee) && ee.ExitCode() > 0:
			return fail(fmt.Errorf("Program exited with non-zero exit code: %d", ee.ExitCode()))
		case errors.As(err, &ee):
			return fail(fmt.Errorf("Program exited unexpectedly: %w", err))
		default:
			return fail(fmt.Errorf("Problem executing program (could not run language executor): %w", err))
		}
	}
	return &pulumirpc.RunResponse{}, nil
}

// configJSON re-keys config as "<namespace>:config:<name>", the form every @pulumi/pulumi version
// understands (the upstream host does the same for backwards compatibility).
func configJSON(cfg map[string]string) (string, error) {
	out := make(map[string]string, len(cfg))
	for k, v := range cfg {
		key, err := config.ParseKey(k)
		if err != nil {
			return "", err
		}
		out[key.Namespace()+":config:"+key.Name()] = v
	}
	b, err := json.Marshal(out)
	return string(b), err
}

func (h *nodeHost) Handshake(
	ctx context.Context, req *pulumirpc.LanguageHandshakeRequest,
) (*pulumirpc.LanguageHandshakeResponse, error) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.engineAddress = req.GetEngineAddress()
	return &pulumirpc.LanguageHandshakeResponse{}, nil
}

func (h *nodeHost) GetPluginInfo(context.Context, *emptypb.Empty) (*pulumirpc.PluginInfo, error) {
	return &pulumirpc.PluginInfo{Version: version.Version}, nil
}

// No plugins are pre-declared: dynamic resources use the bundled pulumi-nodejs provider, which the
// engine finds on PATH or next to the pulumi binary when the program registers the first resource.
func (h *nodeHost) GetRequiredPlugins(
	context.Context, *pulumirpc.GetRequiredPluginsRequest,
) (*pulumirpc.GetRequiredPluginsResponse, error) {
	return &pulumirpc.GetRequiredPluginsResponse{}, nil
}

func (h *nodeHost) GetRequiredPackages(
	context.Context, *pulumirpc.GetRequiredPackagesRequest,
) (*pulumirpc.GetRequiredPackagesResponse, error) {
	return &pulumirpc.GetRequiredPackagesResponse{}, nil
}

// InstallDependencies (`pulumi install`, `pulumi new`) runs the project's package manager (`npm install`,
// `pnpm install` or `yarn install`, see packagemanager.go) only when node_modules is missing: an existing
// install is the user's (or the lockfile's) business, and re-running it on every call would be slow and
// need the registry.
func (h *nodeHost) InstallDependencies(
	req *pulumirpc.InstallDependenciesRequest, server pulumirpc.LanguageRuntime_InstallDependenciesServer,
) error {
	closer, stdout, stderr, err := rpcutil.MakeInstallDependenciesStreams(server, req.GetIsTerminal())
	if err != nil {
		return err
	}
	defer closer.Close()
	dir := programDir(req.GetInfo(), req.GetDirectory())
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return err
	}
	manager := resolvePackageManager(opts.packagemanager, dir, req.GetInfo().GetRootDirectory())
	command := packageManagers[manager]
	if st, err := os.Stat(filepath.Join(dir, "node_modules")); err == nil && st.IsDir() {
		fmt.Fprintf(stdout, "node_modules already present in %s; skipping %s install\n", dir, manager)
		return closer.Close()
	}
	if err := refusePlugAndPlay(dir); err != nil {
		return err
	}
	bin, err := exec.LookPath(command[0])
	if err != nil {
		return fmt.Errorf("packagemanager is %s, but %s is not on the $PATH: %w", manager, command[0], err)
	}
	fmt.Fprintf(stdout, "Installing dependencies (%s in %s)...\n", strings.Join(command, " "), dir)
	cmd := exec.CommandContext(server.Context(), bin, command[1:]...)
	cmd.Dir = dir
	cmd.Stdout, cmd.Stderr = stdout, stderr
	if err := cmd.Run(); err != nil {
		return fmt.Errorf("%s install failed: %w", manager, err)
	}
	fmt.Fprintln(stdout, "Finished installing dependencies")
	return closer.Close()
}

func (h *nodeHost) RuntimeOptionsPrompts(
	context.Context, *pulumirpc.RuntimeOptionsRequest,
) (*pulumirpc.RuntimeOptionsResponse, error) {
	return &pulumirpc.RuntimeOptionsResponse{}, nil
}

func (h *nodeHost) Template(context.Context, *pulumirpc.TemplateRequest) (*pulumirpc.TemplateResponse, error) {
	return &pulumirpc.TemplateResponse{}, nil
}

func (h *nodeHost) About(ctx context.Context, req *pulumirpc.AboutRequest) (*pulumirpc.AboutResponse, error) {
	nodeBin, err := exec.LookPath("node")
	if err != nil {
		return nil, fmt.Errorf("could not find node on the $PATH: %w", err)
	}
	opts, err := parseOptions(req.GetInfo())
	if err != nil {
		return nil, err
	}
	dir := programDir(req.GetInfo(), "")
	manager := resolvePackageManager(opts.packagemanager, dir, req.GetInfo().GetRootDirectory())
	resp := &pulumirpc.AboutResponse{Executable: nodeBin, Metadata: map[string]string{"packagemanager": manager}}
	if out, err := exec.CommandContext(ctx, nodeBin, "--version").Output(); err == nil {
		resp.Version = strings.TrimSpace(string(out))
	}
	return resp, nil
}

// GetProgramDependencies reports the direct dependencies of package.json at their installed
// versions (used by `pulumi about` and update metadata); transitive listing is not supported.
func (h *nodeHost) GetProgramDependencies(
	ctx context.Context, req *pulumirpc.GetProgramDependenciesRequest,
) (*pulumirpc.GetProgramDependenciesResponse, error) {
	dir := programDir(req.GetInfo(), req.GetPwd())
	var pkg struct {
		Dependencies    map[string]string `json:"dependencies"`
		DevDependencies map[string]string `json:"devDependencies"`
	}
	b, err := os.ReadFile(filepath.Join(dir, "package.json"))
	if err != nil {
		return nil, fmt.Errorf("failed to get node dependencies: %w", err)
	}
	if err := json.Unmarshal(b, &pkg); err != nil {
		return nil, fmt.Errorf("failed to parse %s: %w", filepath.Join(dir, "package.json"), err)
	}
	names := make([]string, 0, len(pkg.Dependencies)+len(pkg.DevDependencies))
	for n := range pkg.Dependencies {
		names = append(names, n)
	}
	for n := range pkg.DevDependencies {
		if _, dup := pkg.Dependencies[n]; !dup {
			names = append(names, n)
		}
	}
	sort.Strings(names)
	resp := &pulumirpc.GetProgramDependenciesResponse{}
	for _, n := range names {
		var installed struct {
			Version string `json:"version"`
		}
		if b, err := os.ReadFile(filepath.Join(dir, "node_modules", n, "package.json")); err == nil {
			_ = json.Unmarshal(b, &installed)
		}
		if installed.Version == "" {
			continue // declared but not installed: nothing meaningful to report
		}
		resp.Dependencies = append(resp.Dependencies, &pulumirpc.DependencyInfo{Name: n, Version: installed.Version})
	}
	return resp, nil
}

// Cancel interrupts a running program (the engine calls it on Ctrl-C).
func (h *nodeHost) Cancel(context.Context, *emptypb.Empty) (*emptypb.Empty, error) {
	h.cancel()
	return &emptypb.Empty{}, nil
}
