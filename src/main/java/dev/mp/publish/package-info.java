/**
 * The registry author's side (DESIGN.md §10): a registry is static files, so publishing is writing
 * them. {@link dev.mp.publish.Pack} makes a reproducible {@code .tgz} of one plugin folder ({@link
 * dev.mp.publish.Packer} over hand-written tar, gzip and zip writers whose every byte is fixed);
 * {@link dev.mp.publish.RegistryBuilder} adds releases to a registry folder's {@code index.json} and
 * {@code packages/}, signs it ({@code dev.mp.sign.IndexSigner}) and writes a Claude Code marketplace
 * beside it, all in one {@code RegistryTransaction}; {@link dev.mp.publish.Yank} marks releases yanked.
 *
 * <p>Depends on {@code io}, {@code integrity} (the one tree hash), {@code sign}, {@code registry}
 * (plugin names, Claude Code's dependency forms), {@code resolve} (version order) and {@code install}
 * (safe extraction, link checks); only {@code dev.mp} and {@code cli} call it.
 */
package dev.mp.publish;
