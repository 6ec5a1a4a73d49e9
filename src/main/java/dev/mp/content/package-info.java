/**
 * Hidden text in a plugin's files: characters a reviewer does not see but a model reads — Unicode tag
 * characters, bidirectional controls, runs of zero-width characters — and names that mix look-alike
 * scripts. Clean non-ASCII text (accents, CJK, emoji with their joiners and variation selectors,
 * subdivision flags) is not reported.
 *
 * <p>Main types: {@link dev.mp.content.HiddenTextScanner} (one file's bytes, or one name), {@link
 * dev.mp.content.HiddenTextFinding} (what and where), {@link dev.mp.content.PluginScanner} (every text
 * file of a plugin folder). Depends on {@code dev.mp.io} and {@code dev.mp.integrity} (the tree walk).
 */
package dev.mp.content;
