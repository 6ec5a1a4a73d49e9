/**
 * The audit trail: {@code .claude/federation-audit.jsonl}, one JSON object a line for every conflict
 * and its resolution and every policy denial. Append-only, never rewritten, safe with several writers.
 * Depends only on {@code dev.mp.io}.
 */
package dev.mp.audit;
