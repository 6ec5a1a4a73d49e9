package dev.mp.registry.client;

import dev.mp.Context;
import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.config.AuthSpec;
import dev.mp.config.RegistrySpec;
import dev.mp.io.AtomicFiles;
import dev.mp.io.JsonDocument;
import dev.mp.io.SafeUrl;
import dev.mp.registry.http.CredentialProvider;
import dev.mp.registry.http.FetchRequest;
import dev.mp.registry.http.FetchResult;
import dev.mp.registry.http.HttpFetcher;
import dev.mp.registry.source.DocumentKind;
import dev.mp.registry.source.DocumentOrigin;
import dev.mp.registry.source.DocumentReader;
import dev.mp.registry.source.FolderReader;
import dev.mp.registry.source.MarketplaceParser;
import dev.mp.registry.source.ParseWarnings;
import dev.mp.registry.source.RegistrySource;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.function.Supplier;

/**
 * {@code registry test}: reads one registry from its source, never from or into the cache, and says
 * what worked: reachability, credentials, format, plugin count and time.
 */
final class RegistryProbe {
  private final Context context;
  private final Supplier<HttpFetcher> http;
  private final Credentials credentials;
  private final IndexTrust trust;

  RegistryProbe(Context context, Supplier<HttpFetcher> http, Credentials credentials, IndexTrust trust) {
    this.context = context;
    this.http = http;
    this.credentials = credentials;
    this.trust = trust;
  }

  /** The state of one probe as it goes. */
  private static final class Probe {
    String format;
    boolean reachable;
    Integer status;
    String auth;
    Integer plugins;
    Long bytes;
    MpException failure;
  }

  RegistryTestResult test(RegistrySpec spec) {
    long start = context.clock().millis();
    ParseWarnings warnings = new ParseWarnings("registry `" + spec.name() + "`", context.reporter());
    Probe probe = new Probe();
    probe.auth = spec.auth() instanceof AuthSpec.None ? "none" : "unused";
    try {
      RegistrySource source = RegistrySource.of(spec, context.projectDir());
      IndexTrust.refuseUnsignable(spec, source);
      if (source instanceof RegistrySource.Http remote) {
        if (context.offline()) {
          throw MpException.usage("`mp registry test` contacts the registry and cannot run with `--offline`",
              "drop `--offline`");
        }
        remote(spec, remote.uri(), probe, warnings);
      } else {
        probe.reachable = true;
        local(spec, source, probe, warnings);
      }
    } catch (MpException e) {
      if (e.code() == ErrorCode.USAGE_ERROR) {
        throw e;
      }
      probe.failure = e;
    } finally {
      warnings.finish();
    }
    long millis = Math.max(0, context.clock().millis() - start);
    return new RegistryTestResult(spec, probe.format, probe.reachable, probe.status, probe.auth, probe.plugins,
        warnings.count(), probe.bytes, millis, probe.failure);
  }

  private void local(RegistrySpec spec, RegistrySource source, Probe probe, ParseWarnings warnings) {
    if (source instanceof RegistrySource.Folder folder) {
      probe.plugins = FolderReader.read(folder.folder(), spec.url(), warnings).size();
      probe.format = "folder";
      return;
    }
    if (source instanceof RegistrySource.Marketplace marketplace) {
      byte[] bytes = AtomicFiles.readIfExists(marketplace.file());
      if (bytes == null) {
        throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "`" + marketplace.file() + "` does not exist");
      }
      probe.bytes = (long) bytes.length;
      checkLocal(spec, marketplace.file(), bytes);
      JsonDocument document = JsonDocument.parseJson(spec.url(), bytes, ErrorCode.INDEX_INVALID);
      probe.plugins = MarketplaceParser.parseLocal(document, marketplace.root(), warnings).entries().size();
      probe.format = "marketplace";
      return;
    }
    Path file = ((RegistrySource.IndexFile) source).file();
    probe.bytes = LocalReader.fingerprint(file).size();
    if (IndexTrust.applies(spec)) {
      byte[] bytes = AtomicFiles.readIfExists(file);
      checkLocal(spec, file, bytes == null ? new byte[0] : bytes);
    }
    DocumentKind kind = DocumentKind.of(file, spec.url());
    probe.plugins = count(file, kind, false, spec.url(), DocumentOrigin.local(file), warnings);
    probe.format = kind == DocumentKind.INDEX ? "index" : "marketplace";
  }

  private void remote(RegistrySpec spec, URI uri, Probe probe, ParseWarnings warnings) {
    CredentialProvider provider;
    try {
      provider = credentials.forRegistry(spec);
    } catch (MpException e) {
      probe.auth = e.code() == ErrorCode.REGISTRY_UNAVAILABLE ? "unsupported" : "invalid";
      throw e;
    }
    Path temp;
    try {
      temp = Files.createTempFile("mp-registry-test-", ".json");
    } catch (IOException e) {
      throw MpException.io("failed to create a temp file", e);
    }
    try {
      FetchResult result;
      try {
        result = http.get().fetch(new FetchRequest(uri, provider, null, null, temp));
      } catch (MpException e) {
        probe.auth = e.code() == ErrorCode.CONFIG_ERROR ? "missing" : probe.auth;
        throw e;
      }
      if (!(spec.auth() instanceof AuthSpec.None)) {
        probe.auth = result.authenticated() ? "accepted" : "not-sent";
      }
      if (result instanceof FetchResult.Failed failed) {
        probe.status = failed.status();
        probe.reachable = failed.status() != null;
        if (failed.kind() == FetchResult.Kind.AUTH_REFUSED) {
          probe.auth = failed.authenticated() ? "refused" : "required";
        }
        throw unavailable(spec, failed);
      }
      if (result instanceof FetchResult.NotModified) {
        probe.reachable = true;
        probe.status = 304;
        throw new MpException(ErrorCode.REGISTRY_UNAVAILABLE,
            "registry `" + spec.name() + "` answered 304 Not Modified to an unconditional request");
      }
      FetchResult.Downloaded downloaded = (FetchResult.Downloaded) result;
      probe.reachable = true;
      probe.status = 200;
      probe.bytes = downloaded.wireBytes();
      if (IndexTrust.applies(spec)) {
        trust.check(spec, Files.readAllBytes(temp), trust.fetchSignature(spec, uri, provider, signatureTemp()));
      }
      String label = SafeUrl.redact(uri.toString());
      DocumentKind kind = DocumentKind.of(temp, label);
      probe.plugins = count(temp, kind, DocumentReader.namesMarketplace(uri.getPath()), label,
          new DocumentOrigin.Remote(uri), warnings);
      probe.format = kind == DocumentKind.INDEX ? "index" : "marketplace";
    } catch (IOException e) {
      throw MpException.io("failed to read the download `" + temp + "`", e);
    } finally {
      try {
        Files.deleteIfExists(temp);
      } catch (IOException ignored) {
        // A temp file in the system temp folder; harmless.
      }
    }
  }

  /** Checks a local document and its {@code .sig} without remembering its serial (a test changes nothing). */
  private void checkLocal(RegistrySpec spec, Path file, byte[] bytes) {
    if (IndexTrust.applies(spec)) {
      trust.check(spec, bytes, IndexTrust.readSignature(dev.mp.sign.IndexSigner.signatureFile(file)));
    }
  }

  private static Path signatureTemp() {
    try {
      return Files.createTempFile("mp-registry-test-", ".sig");
    } catch (IOException e) {
      throw MpException.io("failed to create a temp file", e);
    }
  }

  private static MpException unavailable(RegistrySpec spec, FetchResult.Failed failed) {
    String hint;
    if (failed.kind() == FetchResult.Kind.AUTH_REFUSED) {
      hint = spec.auth() instanceof AuthSpec.Token token
          ? "check the token in `" + token.variable() + "` and that it may read this registry"
          : "the registry needs credentials: `mp registry add " + spec.name() + " URL --auth token:ENV_VAR`";
    } else {
      hint = "check the URL and the network; other commands fall back to the cached copy, if any";
    }
    return new MpException(ErrorCode.REGISTRY_UNAVAILABLE, "registry `" + spec.name() + "`: " + failed.message(), hint);
  }

  private static int count(Path file, DocumentKind kind, boolean marketplaceExpected, String label, DocumentOrigin origin,
      ParseWarnings warnings) {
    Set<String> names = new HashSet<>();
    return DocumentReader.read(file, kind, marketplaceExpected, label, origin, warnings, plugin -> names.add(plugin.name()));
  }
}
