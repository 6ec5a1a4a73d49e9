package dev.mp.wrapper;

import java.util.Optional;

/**
 * What {@code mp wrapper} was asked for; every field is optional and falls back to the project's
 * existing {@code .mp/wrapper.properties}, then to the running mp.
 *
 * @param version the mp version to pin (default: the pinned one, else the running one)
 * @param sha256 the checksum of that version's jar, when the caller knows it
 * @param repositoryUrl the Maven repository to download from (default: the pinned one, else Maven Central)
 * @param tokenVariable the environment variable holding a token for the repository
 */
public record WrapperRequest(
    Optional<String> version, Optional<String> sha256, Optional<String> repositoryUrl, Optional<String> tokenVariable) {}
