#!/usr/bin/env python3
"""Fault injection against the real mp launcher (bench/faults.sh runs it; see bench/README.md).

  faults.py [--kills N] [--seconds S] [--seed SEED] [--only PART[,PART...]]

Parts: kill (kill -9 at N random points of install, lock install, uninstall and registry sync),
concurrent (8 mp processes on one project and one cache for S seconds), disk (a full file system),
readonly (read-only folders), http (a registry that drops the connection mid-body, answers 500 or
429 with Retry-After, or hangs). Every part checks that the project and the cache hold either the
state before the command or the state after it, that the next command works, and that every failure
is a clear error (exit code of DESIGN.md section 5, `error:` on stderr, no stack trace, never exit 70).
Prints a summary; exits 1 when any check failed.
"""
import argparse, base64, hashlib, http.server, json, os, random, shutil, signal, socket, socketserver
import subprocess, sys, threading, time

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
OUT = os.path.join(ROOT, "bench", "out", "faults")
MP = os.path.join(ROOT, "mp")
sys.path.insert(0, os.path.join(ROOT, "bench", "lock"))
import fixtures  # noqa: E402  (plugin files, the canonical tree hash, tgz)

PLUGINS = 16
FILES_PER_PLUGIN = 40
BIG_ENTRIES = 20000
CLEAR_EXIT_CODES = {1, 2, 3}


# ---------------------------------------------------------------- results

class Report:
    def __init__(self):
        self.rows = []      # (part, case, ok, detail)
        self.figures = {}   # name -> value

    def check(self, part, case, ok, detail=""):
        self.rows.append((part, case, bool(ok), detail))
        if not ok:
            print("  FAILED %s / %s: %s" % (part, case, detail), flush=True)
        return ok

    def failures(self):
        return [r for r in self.rows if not r[2]]


REPORT = Report()


# ---------------------------------------------------------------- the registry server

class Registry:
    """A loopback HTTP server over OUT/www with injectable faults, chosen per request path."""

    def __init__(self, root):
        self.root = root
        self.faults = {}        # path prefix -> "drop" | "500" | "429" | "hang"
        self.requests = []
        self.stop_hanging = threading.Event()
        registry = self

        class Handler(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args):
                pass

            def do_GET(self):
                registry.requests.append(self.path)
                fault = next((f for p, f in registry.faults.items() if self.path.startswith(p)), None)
                file = os.path.join(registry.root, self.path.lstrip("/").split("?")[0])
                if fault == "hang":
                    registry.stop_hanging.wait(300)
                    self.close_connection = True
                    return
                if fault in ("500", "429"):
                    body = b"busy\n"
                    self.send_response(int(fault))
                    if fault == "429":
                        self.send_header("Retry-After", "7")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                if not os.path.isfile(file):
                    self.send_response(404)
                    self.send_header("Content-Length", "0")
                    self.end_headers()
                    return
                with open(file, "rb") as f:
                    body = f.read()
                self.send_response(200)
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if fault == "drop":
                    self.wfile.write(body[: len(body) // 2])
                    self.wfile.flush()
                    self.close_connection = True
                    self.connection.shutdown(socket.SHUT_RDWR)
                    return
                self.wfile.write(body)

        class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
            daemon_threads = True

            def handle_error(self, request, client_address):
                pass  # a client that gave up mid-body (a full disk, a kill) is part of the test

        self.server = Server(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def url(self, path):
        return "http://127.0.0.1:%d/%s" % (self.port, path)


# ---------------------------------------------------------------- fixtures

def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb" if isinstance(data, bytes) else "w") as f:
        f.write(data)


def make_registries(www):
    """`team`: PLUGINS archive plugins; `big`: an index of BIG_ENTRIES entries in two versions."""
    rng = random.Random(7)
    plugins = {}
    for i in range(PLUGINS):
        name = "p%02d" % i
        files = fixtures.plugin_files(i, FILES_PER_PLUGIN, rng)
        archive = fixtures.tgz(name, files)
        write(os.path.join(www, "team", "packages", name + ".tgz"), archive)
        plugins[name] = {"name": name, "version": "1.0.%d" % i, "description": "plugin %d" % i,
                         "integrity": fixtures.integrity(files),
                         "archiveIntegrity": "sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode(),
                         "resolved": "packages/%s.tgz" % name, "dependencies": []}
    write(os.path.join(www, "team", "index.json"), json.dumps({"version": 1, "plugins": plugins}, indent=1))
    for version, extra in (("v1", 0), ("v2", 1000)):
        entries = {}
        for i in range(BIG_ENTRIES + extra):
            name = "big-%05d" % i
            entries[name] = {"name": name, "version": "%d.0.0" % (1 if version == "v1" else 2),
                             "description": "entry %d of the big registry" % i,
                             "integrity": "sha512-" + base64.b64encode(hashlib.sha512(name.encode() + version.encode()).digest()).decode(),
                             "resolved": "packages/%s.tgz" % name, "dependencies": []}
        write(os.path.join(www, "big-" + version + ".json"), json.dumps({"version": 1, "plugins": entries}))
    return plugins


class Project:
    """A project folder with its own cache and state folders, and the mp environment to use them."""

    def __init__(self, path, registries, cache=None):
        self.path = path
        self.cache = cache or path + "-cache"
        self.state = path + "-state"
        for folder in (path, self.cache, self.state):
            shutil.rmtree(folder, ignore_errors=True)
        os.makedirs(os.path.join(path, ".claude"))
        # Each project is a repository of its own, as a real one is: `.claude/settings.json` names the
        # install folder relative to the repository's root, and the runs compare copies of the project.
        subprocess.run(["git", "init", "-q", path], check=True)
        # A fixed marketplace name: by default it is derived from the project's folder, and the runs
        # are compared across copies of the project in other folders.
        write(os.path.join(path, ".claude", "registries.json"),
              json.dumps({"registries": registries, "defaults": {"marketplaceName": "mp-faults"}}, indent=2))

    def env(self):
        env = {k: v for k, v in os.environ.items() if k in ("PATH", "JAVA_HOME", "LANG", "LC_ALL", "TZ")}
        env.update(MP_CACHE_DIR=self.cache, MP_STATE_DIR=self.state, HOME=os.path.join(OUT, "home"), NO_COLOR="1")
        return env

    def start(self, *args, extra_env=None):
        env = self.env()
        env.update(extra_env or {})
        return subprocess.Popen([MP, "-C", self.path] + list(args), env=env, stdin=subprocess.DEVNULL,
                                stdout=subprocess.PIPE, stderr=subprocess.PIPE, start_new_session=True)

    def run(self, *args, timeout=300):
        started = time.monotonic()
        process = self.start(*args)
        try:
            out, err = process.communicate(timeout=timeout)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            out, err = process.communicate()
            return Result(args, -9, out, err, time.monotonic() - started, timed_out=True)
        return Result(args, process.returncode, out, err, time.monotonic() - started)

    def copy_to(self, path, cache=None):
        clone = Project.__new__(Project)
        clone.path, clone.cache, clone.state = path, cache or path + "-cache", path + "-state"
        for source, target in ((self.path, clone.path), (self.cache, clone.cache), (self.state, clone.state)):
            shutil.rmtree(target, ignore_errors=True)
            if os.path.exists(source):
                shutil.copytree(source, target, symlinks=True)
        return clone


class Result:
    def __init__(self, args, code, out, err, seconds, timed_out=False):
        self.args, self.code, self.seconds, self.timed_out = args, code, seconds, timed_out
        self.out = out.decode("utf-8", "replace")
        self.err = err.decode("utf-8", "replace")

    def clear_error(self):
        """A failure the user can act on: a documented exit code, `error:` first, no stack trace."""
        return (self.code in CLEAR_EXIT_CODES and "error:" in self.err and "Exception" not in self.err
                and "\tat " not in self.err and "internal error" not in self.err)

    def describe(self):
        return "mp %s: exit %s after %.1fs; stderr: %s" % (
            " ".join(self.args), self.code, self.seconds, self.err.strip().replace("\n", " | ")[:400])


# ---------------------------------------------------------------- state snapshots

def tree_digest(root, skip=lambda name: False):
    """Path -> sha256 (files) / link target / folder, below root; names for which skip() holds are left out."""
    found = {}
    if not os.path.isdir(root):
        return found
    for folder, dirs, files in os.walk(root):
        dirs[:] = sorted(d for d in dirs if not skip(d))
        relative = os.path.relpath(folder, root)
        for name in sorted(files) + [d for d in dirs if os.path.islink(os.path.join(folder, d))]:
            if skip(name):
                continue
            path = os.path.join(folder, name)
            key = os.path.normpath(os.path.join(relative, name))
            if os.path.islink(path):
                found[key] = "link " + os.readlink(path)
            else:
                with open(path, "rb") as f:
                    found[key] = hashlib.sha256(f.read()).hexdigest()
        if relative != "." and not files and not dirs:
            found[relative + "/"] = "folder"
    return found


def internal(name):
    """mp's own work files: staging and commit folders, temp files, locks."""
    return ".mp-staging-" in name or ".mp-commit-" in name or ".tmp-" in name or name.endswith(".lock") \
        or name == ".mp.lock"


def project_state(project):
    """What a user sees of a project: installed files, lockfile, marketplace, state and Claude Code settings."""
    state = {"plugins": tree_digest(os.path.join(project.path, ".claude", "plugins"), internal)}
    lock = os.path.join(project.path, "plugin-lock.json")
    state["lockfile"] = open(lock, "rb").read().decode() if os.path.exists(lock) else None
    settings = os.path.join(project.path, ".claude", "settings.json")
    state["settings"] = open(settings, "rb").read().decode() if os.path.exists(settings) else None
    return state


def leftovers(project):
    """mp's work files left in the project after a command finished."""
    found = []
    for folder, dirs, files in os.walk(os.path.join(project.path, ".claude")):
        for name in dirs + files:
            if internal(name) and not name.endswith(".lock") and name != ".mp.lock":
                found.append(os.path.relpath(os.path.join(folder, name), project.path))
    return found


def audit_log_problems(project):
    """Lines of the audit trail that are not whole JSON documents (a torn append)."""
    path = os.path.join(project.path, ".claude", "federation-audit.jsonl")
    problems = []
    if os.path.exists(path):
        with open(path, "rb") as f:
            for number, line in enumerate(f.read().split(b"\n"), 1):
                if line.strip():
                    try:
                        json.loads(line)
                    except ValueError:
                        problems.append("line %d: %r" % (number, line[:80]))
    return problems


def store_problems(cache):
    """Entries of the package store whose content is not what their name says."""
    problems = []
    trees = os.path.join(cache, "packages-v1", "trees")
    if os.path.isdir(trees):
        for name in os.listdir(trees):
            if internal(name):
                continue
            files = {}
            for folder, _, names in os.walk(os.path.join(trees, name)):
                for file in names:
                    path = os.path.join(folder, file)
                    with open(path, "rb") as f:
                        files[os.path.relpath(path, os.path.join(trees, name))] = f.read()
            want = "sha512-" + base64.b64encode(bytes.fromhex(name[len("sha512-"):])).decode()
            if fixtures.integrity(files) != want:
                problems.append("tree %s holds other content" % name)
    archives = os.path.join(cache, "packages-v1", "archives")
    if os.path.isdir(archives):
        for name in os.listdir(archives):
            if internal(name):
                continue
            with open(os.path.join(archives, name), "rb") as f:
                digest = hashlib.sha512(f.read()).hexdigest()
            if name != "sha512-" + digest:
                problems.append("archive %s holds other content" % name)
    return problems


def search_state(project):
    """What the offline cache answers: the (name, version) pairs of `mp search`, or the failure."""
    result = project.run("--offline", "--json", "search", "*")
    if result.code != 0:
        return ("exit %d" % result.code, result.err.strip()[:200])
    return tuple(sorted((hit["name"], hit.get("version")) for hit in json.loads(result.out).get("results", [])))


# ---------------------------------------------------------------- part 1: kill -9

def kill_points(registry, rng, kills):
    print("== kill -9 at %d random points of each command" % kills, flush=True)
    team = [{"name": "team", "url": registry.url("team/index.json"), "priority": 50, "policy": "open"}]
    big = [{"name": "big", "url": registry.url("big/index.json"), "priority": 50, "policy": "open"}]
    cases = []

    # install: p00 installed -> p00..p06 installed.
    before = Project(os.path.join(OUT, "kill-install-before"), team)
    must(before.run("install", "p00"), "set up install")
    cases.append(("install", before, ["install", "p01", "p02", "p03", "p04", "p05", "p06"]))

    # lock install: a lockfile of p00..p07, nothing installed -> all installed.
    locked = Project(os.path.join(OUT, "kill-lock-install-before"), team)
    must(locked.run("install", "p00", "p01", "p02", "p03", "p04", "p05", "p06", "p07"), "set up lock install")
    shutil.rmtree(os.path.join(locked.path, ".claude", "plugins"))
    cases.append(("lock install", locked, ["lock", "install"]))

    # uninstall: p00..p07 installed -> p00, p04..p07.
    full = Project(os.path.join(OUT, "kill-uninstall-before"), team)
    must(full.run("install", "p00", "p01", "p02", "p03", "p04", "p05", "p06", "p07"), "set up uninstall")
    cases.append(("uninstall", full, ["uninstall", "p01", "p02", "p03"]))

    # registry sync: the cache holds v1 of a 20,000-entry index; the registry now serves v2.
    synced = Project(os.path.join(OUT, "kill-sync-before"), big)
    link_big(registry, "v1")
    must(synced.run("registry", "sync"), "set up sync")
    cases.append(("registry sync", synced, ["registry", "sync"]))

    for name, template, command in cases:
        if name == "registry sync":
            link_big(registry, "v1")
        old = snapshot(template, name)
        if name == "registry sync":
            link_big(registry, "v2")
        reference = template.copy_to(os.path.join(OUT, "kill-reference"))
        result = reference.run(*command)
        must(result, "reference run of " + name)
        new = snapshot(reference, name)
        duration = result.seconds
        survived = 0
        outcomes = {"before": 0, "after": 0, "rolled forward": 0, "work files": 0}
        # Random points: half anywhere in the run, half in its second half, where the writes are. Then,
        # for the commands that swap plugins in, the two windows a random kill seldom hits: right after
        # staging and right after the commit point (the installer's MP_TEST_PAUSE hook holds the
        # process there until it is killed).
        points = [("random", rng.uniform(0, duration * 1.1) if i % 2 == 0 else rng.uniform(duration * 0.5, duration * 1.05))
                  for i in range(kills)]
        if name != "registry sync":
            points += [("pause", "staged"), ("pause", "committed")]
        for point, (kind, at) in enumerate(points):
            project = template.copy_to(os.path.join(OUT, "kill-run"))
            if kind == "random":
                process = project.start(*command)
                time.sleep(at)
                case = "%s, kill %d at %.2fs of %.2fs" % (name, point + 1, at, duration)
            else:
                process = project.start(*command, extra_env={"MP_TEST_PAUSE": at})
                paused = wait_for_line(process, "test pause: " + at, 120)
                case = "%s, kill right after the %s point" % (name, at)
                if not paused:
                    REPORT.check("kill", case, False, "the run never reached the %s point" % at)
            os.killpg(process.pid, signal.SIGKILL)
            process.communicate()
            ok = True
            if leftovers(project) or partial_files(project.cache):
                outcomes["work files"] += 1
            # The next command sees the old state or the new one (it finishes an interrupted swap).
            following = project.run("--json", "list") if name != "registry sync" else None
            if following is not None and "interrupted after it was committed" in following.err:
                outcomes["rolled forward"] += 1
            if following is not None and following.code != 0:
                ok = REPORT.check("kill", case, False, "next command failed: " + following.describe())
            seen = snapshot(project, name)
            if seen == old:
                outcomes["before"] += 1
            elif seen == new:
                outcomes["after"] += 1
            else:
                ok = REPORT.check("kill", case, False, "a mix of old and new: " + diff(old, new, seen))
            for problem in audit_log_problems(project) + store_problems(project.cache):
                ok = REPORT.check("kill", case, False, problem)
            # ...and the command itself, run again, works and leaves no work files behind (an
            # uninstall that already happened is checked with `lock check` instead: running it again
            # is rightly an error).
            again = project.run("lock", "check") if name == "uninstall" and seen == new else project.run(*command)
            if again.code != 0:
                ok = REPORT.check("kill", case, False, "the command run again failed: " + again.describe())
            elif snapshot(project, name) != new:
                ok = REPORT.check("kill", case, False, "run again, it did not reach the new state: "
                                  + diff(old, new, snapshot(project, name)))
            if leftovers(project):
                ok = REPORT.check("kill", case, False, "work files left behind: %s" % leftovers(project))
            if kind == "pause":
                ok = REPORT.check("kill", case + ": the state it must leave", seen == (old if at == "staged" else new),
                                  "expected the state %s the command" % ("before" if at == "staged" else "after")) and ok
            if ok:
                REPORT.check("kill", case, True)
                survived += 1
        detail = "state before: %d, after: %d; killed with work files on disk: %d; swaps rolled forward: %d" % (
            outcomes["before"], outcomes["after"], outcomes["work files"], outcomes["rolled forward"])
        print("  %-14s %2d/%d kill points survived (%s; the command takes %.2fs)"
              % (name, survived, len(points), detail, duration), flush=True)
        REPORT.figures["kill points survived: " + name] = "%d/%d (%s)" % (survived, len(points), detail)


def wait_for_line(process, text, seconds):
    """Reads the process's stderr until a line contains text (True), it ends or time runs out (False)."""
    found = threading.Event()

    def read():
        for line in iter(process.stderr.readline, b""):
            if text.encode() in line:
                found.set()
                return

    threading.Thread(target=read, daemon=True).start()
    return found.wait(seconds)


def link_big(registry, version):
    target = os.path.join(registry.root, "big", "index.json")
    os.makedirs(os.path.dirname(target), exist_ok=True)
    if os.path.lexists(target):
        os.remove(target)
    os.symlink(os.path.join(registry.root, "big-%s.json" % version), target)


def snapshot(project, name):
    if name == "registry sync":
        return {"search": search_state(project)}
    return project_state(project)


def diff(old, new, seen):
    parts = []
    for key in sorted(set(old) | set(new) | set(seen)):
        if isinstance(seen.get(key), dict):
            keys = set(old.get(key, {})) | set(new.get(key, {})) | set(seen[key])
            odd = [k for k in sorted(keys) if seen[key].get(k) not in (old.get(key, {}).get(k), new.get(key, {}).get(k))]
            mixed_old = [k for k in keys if seen[key].get(k) == old.get(key, {}).get(k) != new.get(key, {}).get(k)]
            mixed_new = [k for k in keys if seen[key].get(k) == new.get(key, {}).get(k) != old.get(key, {}).get(k)]
            parts.append("%s: %d as before, %d as after, %d neither (%s)" % (
                key, len(mixed_old), len(mixed_new), len(odd), ", ".join(odd[:3])))
        elif seen.get(key) != old.get(key) or seen.get(key) != new.get(key):
            parts.append("%s: %s" % (key, "as before" if seen.get(key) == old.get(key) else
                                     "as after" if seen.get(key) == new.get(key) else "neither"))
    return "; ".join(parts)


def changes(before, seen):
    """What differs between two project states, briefly."""
    parts = []
    if before.get("lockfile") != seen.get("lockfile"):
        parts.append("the lockfile changed")
    old, new = before.get("plugins", {}), seen.get("plugins", {})
    changed = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
    if changed:
        parts.append("%d installed files changed (%s)" % (len(changed), ", ".join(changed[:4])))
    return "; ".join(parts) or "no change"


def headline(result):
    """The error line of a failed command (with the registry's warning that explains it), else its first warning."""
    lines = result.err.strip().splitlines()
    errors = [l for l in lines if l.startswith("error:")]
    causes = [l for l in lines if l.startswith("warning: registry `")]
    if errors and causes and "could not be synced" in errors[0]:
        return (errors[0] + " <- " + causes[0])[:300]
    chosen = errors or causes or lines or [""]
    return chosen[0][:300]


def must(result, what):
    if result.code != 0:
        raise SystemExit("%s failed: %s" % (what, result.describe()))
    return result


# ---------------------------------------------------------------- part 2: concurrent processes

def concurrent(registry, rng, seconds, workers=8):
    print("== %d concurrent mp processes on one project and one cache for %ds" % (workers, seconds), flush=True)
    link_big(registry, "v1")
    team = [{"name": "team", "url": registry.url("team/index.json"), "priority": 50, "policy": "open"},
            {"name": "big", "url": registry.url("big/index.json"), "priority": 10, "policy": "open"}]
    project = Project(os.path.join(OUT, "concurrent"), team)
    must(project.run("registry", "sync"), "set up the concurrent project")
    log = []
    lock = threading.Lock()
    deadline = time.monotonic() + seconds

    def worker(index):
        own = ["p%02d" % (index * 2), "p%02d" % (index * 2 + 1)]
        local = random.Random(rng.random())
        while time.monotonic() < deadline:
            op = local.choice(["install", "install", "uninstall", "sync", "check"])
            plugin = local.choice(own)
            args = {"install": ["install", plugin], "uninstall": ["uninstall", plugin],
                    "sync": ["registry", "sync"], "check": ["lock", "check"]}[op]
            started = time.monotonic()
            result = project.run(*args)
            with lock:
                log.append((started, time.monotonic(), index, op, plugin, result))

    threads = [threading.Thread(target=worker, args=(i,)) for i in range(workers)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()

    expected = set()
    counts = {}
    for started, ended, index, op, plugin, result in sorted(log, key=lambda entry: entry[1]):
        key = "%s %s" % (op, "ok" if result.code == 0 else "exit %d" % result.code)
        counts[key] = counts.get(key, 0) + 1
        case = "%s by worker %d" % (" ".join(result.args), index)
        if result.code == 0:
            if op == "install":
                expected.add(plugin)
            elif op == "uninstall":
                expected.discard(plugin)
        elif op == "uninstall" and "PLUGIN_NOT_FOUND" not in result.err and "not installed" not in result.err:
            REPORT.check("concurrent", case, result.clear_error(), result.describe())
        elif op == "check" and result.code == 1:
            REPORT.check("concurrent", case, False, "drift reported while others installed: " + result.describe())
        else:
            REPORT.check("concurrent", case, result.clear_error(), result.describe())
    final = json.load(open(os.path.join(project.path, "plugin-lock.json")))
    installed = sorted(n for n in os.listdir(os.path.join(project.path, ".claude", "plugins")) if not n.startswith(".")
                       and os.path.isdir(os.path.join(project.path, ".claude", "plugins", n)))
    REPORT.check("concurrent", "no lost update: lockfile requests", sorted(final.get("requested", {})) == sorted(expected),
                 "lockfile requests %s, the successful commands leave %s" % (sorted(final.get("requested", {})), sorted(expected)))
    REPORT.check("concurrent", "no lost update: installed folders", installed == sorted(expected),
                 "installed %s, expected %s" % (installed, sorted(expected)))
    check = project.run("lock", "check")
    REPORT.check("concurrent", "lock check afterwards", check.code == 0, check.describe())
    for problem in audit_log_problems(project) + store_problems(project.cache):
        REPORT.check("concurrent", "no corruption", False, problem)
    REPORT.check("concurrent", "no work files left", not leftovers(project), str(leftovers(project)))
    ok = sum(1 for entry in log if entry[5].code == 0)
    print("  %d operations completed (%d succeeded): %s" % (len(log), ok, ", ".join(
        "%s: %d" % item for item in sorted(counts.items()))), flush=True)
    REPORT.figures["concurrent operations completed"] = "%d in %ds by %d processes (%d succeeded)" % (
        len(log), seconds, workers, ok)


# ---------------------------------------------------------------- part 3: a full disk

def full_disk(registry):
    print("== a full disk (tmpfs)", flush=True)
    mount = os.path.join(OUT, "disk")
    os.makedirs(mount, exist_ok=True)
    size_kb = 32768
    try:
        subprocess.run(["mount", "-t", "tmpfs", "-o", "size=%dk" % size_kb, "tmpfs", mount], check=True,
                       stderr=subprocess.PIPE)
    except (subprocess.CalledProcessError, FileNotFoundError) as e:
        REPORT.check("disk", "mount a small tmpfs", False, "cannot mount (%s); not tested" % e)
        return
    try:
        team = [{"name": "team", "url": registry.url("team/index.json"), "priority": 50, "policy": "open"}]
        # The project on the full disk; its cache elsewhere (already holding the packages).
        levels = 0
        for free_kb in (0, 16, 64, 256, 700, 1200, 1800, 2600):
            for what in ("project", "cache"):
                clear(mount)
                base = os.path.join(OUT, "disk-template")
                template = Project(base, team)
                must(template.run("install", "p00"), "set up disk")
                must(template.run("registry", "sync"), "sync")
                if what == "project":
                    warm = template.copy_to(os.path.join(OUT, "disk-warm"))
                    must(warm.run("install", "p01", "p02", "p03", "p04"), "warm the package store")
                    project = template.copy_to(os.path.join(mount, "project"), cache=warm.cache)
                else:
                    project = template.copy_to(os.path.join(OUT, "disk-project"), cache=os.path.join(mount, "cache"))
                fill(mount, free_kb)
                before = project_state(project)
                result = project.run("install", "p01", "p02", "p03", "p04")
                case = "install with %d KiB free for the %s" % (free_kb, what)
                levels += 1
                if result.code == 0:
                    REPORT.check("disk", case, project_state(project) != before, "succeeded without changing anything")
                else:
                    REPORT.check("disk", case + ": a clear error", result.clear_error(), result.describe())
                    REPORT.check("disk", case + ": nothing changed", project_state(project) == before,
                                 changes(before, project_state(project)))
                for problem in audit_log_problems(project) + store_problems(project.cache):
                    REPORT.check("disk", case + ": nothing half-written", False, problem)
                os.remove(os.path.join(mount, "filler"))
                again = project.run("install", "p01", "p02", "p03", "p04")
                REPORT.check("disk", case + ": works once space is back", again.code == 0, again.describe())
                REPORT.check("disk", case + ": no work files left", not leftovers(project), str(leftovers(project)))
        # The cache on the full disk while syncing the big index.
        for free_kb in (0, 64, 512, 2048):
            clear(mount)
            link_big(registry, "v1")
            big = [{"name": "big", "url": registry.url("big/index.json"), "priority": 50, "policy": "open"}]
            project = Project(os.path.join(OUT, "disk-sync"), big, cache=os.path.join(mount, "cache"))
            fill(mount, free_kb)
            result = project.run("registry", "sync")
            case = "registry sync with %d KiB free for the cache" % free_kb
            REPORT.check("disk", case + ": a clear error", result.code != 0 and result.clear_error(), result.describe())
            seen = search_state(project)
            REPORT.check("disk", case + ": no half entry", isinstance(seen[0], str) or len(seen) == 0,
                         "an offline search found %s" % str(seen)[:200])
            os.remove(os.path.join(mount, "filler"))
            again = project.run("registry", "sync")
            REPORT.check("disk", case + ": works once space is back", again.code == 0, again.describe())
            levels += 1
        REPORT.figures["full-disk cases"] = "%d (tmpfs of %d KiB)" % (levels, size_kb)
    finally:
        subprocess.run(["umount", "-l", mount])


def clear(mount):
    for name in os.listdir(mount):
        path = os.path.join(mount, name)
        shutil.rmtree(path) if os.path.isdir(path) and not os.path.islink(path) else os.remove(path)


def fill(mount, free_kb):
    """Fills the file system until about free_kb KiB are left."""
    stat = os.statvfs(mount)
    free = stat.f_bavail * stat.f_frsize
    size = max(0, free - free_kb * 1024)
    with open(os.path.join(mount, "filler"), "wb") as f:
        while size > 0:
            chunk = min(size, 1 << 20)
            try:
                f.write(b"\0" * chunk)
                f.flush()
            except OSError:
                break
            size -= chunk


# ---------------------------------------------------------------- part 4: read-only folders

def read_only(registry):
    print("== read-only folders (read-only bind mounts)", flush=True)
    team = [{"name": "team", "url": registry.url("team/index.json"), "priority": 50, "policy": "open"}]
    cases = 0
    for what in ("project", "install folder", "cache"):
        project = Project(os.path.join(OUT, "ro-" + what.replace(" ", "-")), team)
        must(project.run("install", "p00"), "set up read-only")
        folder = {"project": project.path, "install folder": os.path.join(project.path, ".claude", "plugins"),
                  "cache": project.cache}[what]
        try:
            subprocess.run(["mount", "--bind", folder, folder], check=True, stderr=subprocess.PIPE)
            subprocess.run(["mount", "-o", "remount,bind,ro", folder], check=True, stderr=subprocess.PIPE)
        except (subprocess.CalledProcessError, FileNotFoundError) as e:
            REPORT.check("readonly", what, False, "cannot make a read-only mount (%s); not tested" % e)
            continue
        try:
            before = project_state(project)
            for command in (["install", "p01"], ["uninstall", "p00"], ["registry", "sync"], ["lock", "install"]):
                result = project.run(*command)
                case = "%s with a read-only %s" % (" ".join(command), what)
                cases += 1
                if result.code != 0:
                    REPORT.check("readonly", case + ": a clear error", result.clear_error(), result.describe())
                    REPORT.check("readonly", case + ": nothing changed", project_state(project) == before,
                                 changes(before, project_state(project)))
                else:
                    REPORT.check("readonly", case + ": succeeded", True)
                    before = project_state(project)
                REPORT.figures["read-only: " + case] = "exit %d: %s" % (result.code, headline(result))
            for command in (["lock", "check"], ["list"], ["--offline", "search", "p0"]):
                result = project.run(*command)
                cases += 1
                REPORT.check("readonly", "%s with a read-only %s still works" % (" ".join(command), what),
                             result.code == 0, result.describe())
        finally:
            subprocess.run(["umount", folder])
        again = project.run("install", "p01")
        REPORT.check("readonly", "install once the %s is writable again" % what, again.code == 0, again.describe())
    REPORT.figures["read-only cases"] = str(cases)


# ---------------------------------------------------------------- part 5: a failing registry

def failing_registry(registry):
    print("== a registry that drops the connection, answers 500 or 429, or hangs", flush=True)
    team = [{"name": "team", "url": registry.url("team/index.json"), "priority": 50, "policy": "open"}]
    cases = 0
    for fault in ("drop", "500", "429", "hang"):
        for target in ("index", "package"):
            project = Project(os.path.join(OUT, "http-%s-%s" % (fault, target)), team)
            must(project.run("install", "p00"), "set up http")
            if target == "index":
                # A stale cache, so that the next command fetches the index again.
                project_env_cache_expire(project)
            before = project_state(project)
            search_before = search_state(project)
            registry.faults = {"/team/index.json" if target == "index" else "/team/packages/": fault}
            registry.stop_hanging.clear()
            command = ["registry", "sync"] if target == "index" else ["install", "p01"]
            result = project.run(*command, timeout=200)
            registry.stop_hanging.set()
            registry.faults = {}
            case = "%s, the registry %s on the %s" % (" ".join(command), {
                "drop": "drops the connection mid-body", "500": "answers 500", "429": "answers 429 Retry-After: 7",
                "hang": "hangs"}[fault], target)
            cases += 1
            REPORT.check("http", case + ": a clear error or warning",
                         (result.code != 0 and result.clear_error()) or (result.code == 0 and "warning:" in result.err),
                         result.describe())
            REPORT.check("http", case + ": nothing changed", project_state(project) == before,
                         changes(before, project_state(project)))
            if target == "index":
                REPORT.check("http", case + ": the cached index stays whole", search_state(project) == search_before,
                             str(search_state(project))[:200])
            for problem in store_problems(project.cache):
                REPORT.check("http", case + ": nothing half-written", False, problem)
            REPORT.check("http", case + ": no partial download left", not partial_files(project.cache),
                         str(partial_files(project.cache)))
            REPORT.figures["http: " + case] = "exit %d after %.1fs: %s" % (result.code, result.seconds, headline(result))
            again = project.run(*command)
            REPORT.check("http", case + ": works once the registry recovers", again.code == 0, again.describe())
    REPORT.figures["failing-registry cases"] = str(cases)


def project_env_cache_expire(project):
    """Makes the cached index stale by setting the registries' cache TTL to zero."""
    path = os.path.join(project.path, ".claude", "registries.json")
    config = json.load(open(path))
    config["defaults"] = {"cacheTTL": 0}
    write(path, json.dumps(config, indent=2))


def partial_files(cache):
    found = []
    for folder, dirs, files in os.walk(cache):
        for name in files + dirs:
            if name.endswith(".part") or ".tmp-" in name:
                found.append(os.path.relpath(os.path.join(folder, name), cache))
        if os.path.basename(folder) == "tmp" and (files or dirs):
            found.append(os.path.relpath(folder, cache) + "/ (not empty)")
    return found


# ---------------------------------------------------------------- main

def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--kills", type=int, default=20)
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--seed", type=int, default=None)
    parser.add_argument("--only", default="kill,concurrent,disk,readonly,http")
    options = parser.parse_args()
    seed = options.seed if options.seed is not None else random.SystemRandom().randrange(1 << 31)
    rng = random.Random(seed)
    print("fault injection, seed %d (replay with --seed %d)" % (seed, seed), flush=True)
    os.makedirs(OUT, exist_ok=True)
    www = os.path.join(OUT, "www")
    shutil.rmtree(www, ignore_errors=True)
    make_registries(www)
    registry = Registry(www)
    parts = options.only.split(",")
    started = time.monotonic()
    if "kill" in parts:
        kill_points(registry, rng, options.kills)
    if "concurrent" in parts:
        concurrent(registry, rng, options.seconds)
    if "disk" in parts:
        full_disk(registry)
    if "readonly" in parts:
        read_only(registry)
    if "http" in parts:
        failing_registry(registry)
    registry.stop_hanging.set()

    lines = ["summary (seed %d, %s, %.0fs, load %s):" % (
        seed, options.only, time.monotonic() - started, open("/proc/loadavg").read().split()[0])]
    for name, value in REPORT.figures.items():
        lines.append("  %-70s %s" % (name, value))
    by_part = {}
    for part, case, ok, detail in REPORT.rows:
        by_part.setdefault(part, [0, 0])[0 if ok else 1] += 1
    for part, (ok, failed) in by_part.items():
        lines.append("  %-70s %d passed, %d failed" % ("checks: " + part, ok, failed))
    failures = REPORT.failures()
    if failures:
        lines.append("")
        lines.append("%d failed checks:" % len(failures))
        for part, case, ok, detail in failures:
            lines.append("  %s / %s: %s" % (part, case, detail))
    print()
    print("\n".join(lines))
    write(os.path.join(OUT, "summary.txt"), "\n".join(lines) + "\n")
    if failures:
        sys.exit(1)


if __name__ == "__main__":
    main()
