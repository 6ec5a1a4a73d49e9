#!/usr/bin/env python3
"""Synthetic data for bench/lock: plugin folders or archives and a plugin-lock.json pinning them.

  fixtures.py folders PROJECT COUNT FILES      registry folder PROJECT/plugins + lockfile (folder sources)
  fixtures.py archives PROJECT COUNT FILES URL  PROJECT/www/packages/*.tgz + lockfile (URL sources)

Integrity is computed with the canonical tree hash of DESIGN.md section 2, independently of mp.
"""
import base64, hashlib, io, json, os, random, sys, tarfile


def plugin_files(index, files, rng):
    out = {".claude-plugin/plugin.json": json.dumps(
        {"name": "p%04d" % index, "version": "1.0.%d" % index, "description": "bench plugin %d" % index}).encode() + b"\n"}
    for f in range(files - 1):
        size = rng.randint(512, 8192)
        folder = ("commands", "agents", "skills/s%d" % (f % 3), "hooks")[f % 4]
        out["%s/f%02d.md" % (folder, f)] = bytes(rng.getrandbits(8) for _ in range(size))
    return out


def integrity(files):
    lines = b""
    for path in sorted(files, key=lambda p: p.encode()):
        lines += b"file 644 " + hashlib.sha256(files[path]).hexdigest().encode() + b" " + path.encode() + b"\n"
    return "sha512-" + base64.b64encode(hashlib.sha512(lines).digest()).decode()


def tgz(name, files):
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w:gz") as tar:
        for path in sorted(files):
            info = tarfile.TarInfo("package/" + path)
            info.size = len(files[path])
            info.mode = 0o644
            tar.addfile(info, io.BytesIO(files[path]))
    return buffer.getvalue()


def main():
    kind, project, count, files = sys.argv[1], sys.argv[2], int(sys.argv[3]), int(sys.argv[4])
    rng = random.Random(42)
    plugins, registry = {}, "./plugins"
    for i in range(count):
        name = "p%04d" % i
        content = plugin_files(i, files, rng)
        entry = {"version": "1.0.%d" % i, "integrity": integrity(content), "dependencies": []}
        if kind == "folders":
            for path, data in content.items():
                target = os.path.join(project, "plugins", name, path)
                os.makedirs(os.path.dirname(target), exist_ok=True)
                with open(target, "wb") as f:
                    f.write(data)
            entry.update(source="local", resolved="./plugins/" + name)
        else:
            url = sys.argv[5]
            archive = tgz(name, content)
            target = os.path.join(project, "www", "packages", name + ".tgz")
            os.makedirs(os.path.dirname(target), exist_ok=True)
            with open(target, "wb") as f:
                f.write(archive)
            entry.update(source="team", resolved="%s/packages/%s.tgz" % (url, name),
                         archiveIntegrity="sha512-" + base64.b64encode(hashlib.sha512(archive).digest()).decode())
            registry = url + "/index.json"
        plugins[name] = entry
    lock = {"lockVersion": 2, "registries": {plugins[next(iter(plugins))]["source"]: registry},
            "requested": {n: "*" for n in plugins}, "plugins": plugins}
    with open(os.path.join(project, "plugin-lock.json"), "w") as f:
        f.write(json.dumps(lock, indent=2, sort_keys=True) + "\n")


if __name__ == "__main__":
    main()
