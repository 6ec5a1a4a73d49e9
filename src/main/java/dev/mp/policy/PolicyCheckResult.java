package dev.mp.policy;

/**
 * The answer of {@code mp policy check}.
 *
 * @param policy the policy evaluated
 * @param facts the facts it was evaluated against
 * @param resolved true when the facts came from resolution rather than the flags
 * @param decision the decision, with its trace
 */
public record PolicyCheckResult(Policy policy, PluginFacts facts, boolean resolved, Decision decision) {}
