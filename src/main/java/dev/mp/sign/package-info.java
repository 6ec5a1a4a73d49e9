/**
 * Ed25519 signatures (DESIGN.md §7): public and private keys in mp's text forms ({@link
 * dev.mp.sign.Ed25519PublicKey}, {@link dev.mp.sign.Ed25519PrivateKey}, {@link dev.mp.sign.KeyFiles}),
 * the signed statement of a release and its check against a registry's keys ({@link
 * dev.mp.sign.TrustedKeys}, {@link dev.mp.sign.SignatureCheck}), signing a whole registry index
 * ({@link dev.mp.sign.IndexSigner}), and the checks a client makes on a fetched index: its
 * {@code .sig}, its serial against the highest one accepted before, its expiry ({@link
 * dev.mp.sign.IndexVerifier}, {@link dev.mp.sign.SerialStore}).
 *
 * <p>Depends only on {@code dev.mp}, {@code dev.mp.io}, {@code dev.mp.config} and the JDK's own
 * Ed25519; {@code registry} and later packages call it, never the other way round.
 */
package dev.mp.sign;
