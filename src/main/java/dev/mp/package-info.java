/**
 * The root of mp: the {@link dev.mp.Federation} facade (one method per use case), the one exception
 * type {@link dev.mp.MpException} with its {@link dev.mp.ErrorCode}s, the {@link dev.mp.Context} every
 * operation runs in, and the {@link dev.mp.Reporter} through which the library reports progress
 * without printing.
 *
 * <p>Packages, in the one direction dependencies flow: {@code io → config → integrity → sign, auth →
 * registry → resolve → policy → install → lock → (this facade) → cli}.
 */
package dev.mp;
