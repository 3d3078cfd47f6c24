/** The help text of `pulumi-uploadcare` and its `emulator` sub-command. */
import { DEMO_PUBLIC_KEY, DEMO_SECRET_KEY } from "./emulator/index";

export const HELP = `Usage: pulumi-uploadcare emulator [options]
       pulumi-uploadcare --version | --help

Runs a local Uploadcare emulator (REST API v0.7 + Upload API on one port) until Ctrl+C.

Options:
  --port N             port to listen on (default 0: any free port)
  --host H             interface to bind (default 127.0.0.1)
  --seed-files K       demo files (stored images) to create in the project (default 3)
  --seed-groups N      groups to create at start, as if made by upload widgets (default 0); group i holds
                       seeded files 2i and 2i+1 (wrapping); same ids on every fresh start; needs --seed-files >= 1;
                       with --state, only when FILE does not exist yet (deleted groups stay deleted)
  --state FILE         keep state in FILE across restarts
  --read-only-state    with --state: never write FILE, re-read it when another emulator changed it, and answer
                       503 to requests that would change files or groups
  --rate-limit RPS     throttle REST + Upload requests above RPS per second (429 + Retry-After)
  --public-key KEY     project public key (default ${DEMO_PUBLIC_KEY})
  --secret-key KEY     project secret key (default ${DEMO_SECRET_KEY})
  --signed-uploads     signed uploads on: Upload API calls need a token (Authorization: Bearer) or
                       signature + expire
  --project-api-token T  serve the Project API (/projects/) to requests with Authorization: Bearer T
  --read-lag-ms MS     REST group info answers 404 for MS after a group is created
  --cdn MODE           CDN of the URLs in answers: cname (the project's https://<prefix>.ucarecd.net/, default),
                       legacy (https://ucarecdn.com/) or emulator (this emulator, which serves uploaded bytes at
                       <url>/<uuid>/ in every mode)
  --cdn-base-url URL   CDN base of the URLs in answers, overriding --cdn (e.g. a proxy in front of the emulator)
  --allow-loopback-sources
                       let POST /from_url/ fetch loopback URLs (127.0.0.0/8, ::1, localhost), e.g. a test's own
                       server; by default loopback, private and link-local sources are refused as Uploadcare
                       refuses them, and the emulator's own port always is

Limits (over them: 413, or 429 + Retry-After for busy uploads):
  --max-upload-bytes N          largest POST /base/ body (default 104857600 = 100 MB)
  --max-body-bytes N            largest body of any other request (default 1048576 = 1 MB)
  --max-concurrent-uploads N    uploads in progress at once (default 16)

Faults (REST + Upload API; the admin API is never affected):
  --error-rate P       answer a share P (0..1) of requests with 503
  --latency-ms MS      add MS to every request
  --throttle-burst D/E answer every request 429 (Retry-After = rest of the burst) for D ms out of every E ms
  --fault SPEC         inject a fault rule, repeatable; SPEC is "[METHOD] [PATH] ACTION [PROBABILITY] [xTIMES]"
                       with ACTION reset-before | reset-after | delay:MS | status:CODE[:RETRY_AFTER_S], e.g.
                       --fault 'POST /group/ reset-after 0.3'   (applied, then the connection is reset)
                       --fault '* * status:429:2 0.1'           (10% of requests throttled, Retry-After 2)
                       Rules from --fault apply without limit unless xTIMES is given.
  --seed N             seed of the PRNG behind probabilities (default 1): same seed, same draws
  --json               print one JSON line {url, publicKey, secretKey, files, groups} instead of the banner
  --quiet              do not log requests to stderr
  -h, --help           show this help
`;
