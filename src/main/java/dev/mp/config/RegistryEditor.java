package dev.mp.config;

import dev.mp.ErrorCode;
import dev.mp.MpException;
import dev.mp.io.EditDistance;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * Adds and removes registries in a project's {@code registries.json}. The caller holds the project
 * lock; this class only validates, edits and saves. When the project has no file yet, the change is
 * made to the built-in defaults (what {@code registry list} showed) and the result is saved.
 */
public final class RegistryEditor {
  /** The priority of a registry added without {@code --priority}. */
  public static final int DEFAULT_PRIORITY = 0;

  private RegistryEditor() {}

  /**
   * Validates {@code request} and adds (or replaces) the registry.
   *
   * @throws MpException {@code CONFIG_ERROR} for an invalid name, URL, auth, policy mode or key, or
   *     when the existing file is invalid
   */
  public static RegistryChange add(Path projectDir, AddRegistryRequest request) {
    RegistrySpec spec = validate(request);
    LoadedConfig loaded = ConfigLoader.load(projectDir);
    boolean replaced = loaded.config().find(spec.name()).isPresent();
    ConfigLoader.save(projectDir, loaded.config().withRegistry(spec));
    return new RegistryChange(spec, replaced, loaded.isBuiltInDefault(), projectDir.resolve(ConfigLoader.FILE));
  }

  /**
   * Removes the registry {@code name}.
   *
   * @throws MpException {@code REGISTRY_NOT_FOUND} when there is no such registry
   */
  public static RegistryChange remove(Path projectDir, String name) {
    LoadedConfig loaded = ConfigLoader.load(projectDir);
    RegistrySpec spec =
        loaded.config().find(name).orElseThrow(() -> notFound(name, loaded.config()));
    ConfigLoader.save(projectDir, loaded.config().withoutRegistry(name));
    return new RegistryChange(spec, false, loaded.isBuiltInDefault(), projectDir.resolve(ConfigLoader.FILE));
  }

  /** The error for a registry name the configuration does not hold, with a close name as hint. */
  public static MpException notFound(String name, RegistriesConfig config) {
    List<String> names = config.registries().stream().map(RegistrySpec::name).toList();
    String close = EditDistance.closest(name, names);
    String hint = close != null
        ? "did you mean `" + close + "`?"
        : names.isEmpty() ? "no registry is configured; add one with `mp registry add NAME URL`"
            : "configured registries: " + String.join(", ", names);
    return new MpException(ErrorCode.REGISTRY_NOT_FOUND, "no registry named `" + name + "`", hint);
  }

  static RegistrySpec validate(AddRegistryRequest request) {
    String name = request.name();
    if (name == null || !RegistrySpec.isValidName(name)) {
      throw MpException.config("invalid registry name `" + name + "`",
          "names use lowercase letters, digits, `.`, `_` and `-`, and start with a letter or digit");
    }
    String problem = request.url() == null ? "the registry location is empty" : ConfigLoader.urlProblem(request.url());
    if (problem != null) {
      throw MpException.config(problem, dev.mp.io.SafeUrl.hasUserInfo(String.valueOf(request.url()))
          ? "remove the credentials and use `--auth token:ENV_VAR` to read a token from the environment"
          : "use a folder, a `.json` file, or an `https://` URL");
    }
    AuthSpec auth = AuthSpec.parse(request.auth()).orElseThrow(
        () -> MpException.config("invalid auth `" + request.auth() + "`", "use " + AuthSpec.forms()));
    PolicyMode policy = request.policy() == null ? PolicyMode.OPEN
        : PolicyMode.parse(request.policy()).orElseThrow(
            () -> MpException.config("unknown policy mode `" + request.policy() + "`",
                "use one of: " + PolicyMode.choices()));
    for (String key : request.keys()) {
      if (!ConfigLoader.isPublicKey(key)) {
        throw MpException.config("invalid key `" + key + "`: expected `ed25519:BASE64` of a 32-byte public key",
            "create a key pair with `mp registry keygen FILE`");
      }
    }
    int priority = request.priority() == null ? DEFAULT_PRIORITY : request.priority();
    return new RegistrySpec(name, request.url(), priority, auth, policy, !request.disabled(),
        request.keys(), false, Map.of());
  }
}
