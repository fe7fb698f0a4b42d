/**
 * <b>Internal to Berth: not an API, it may change or go in any release.</b> What Berth's modules share and must do
 * the same way, public only for that: {@link dev.berth.model.internal.Masking}, which decides what
 * {@code toString()} hides.
 */
package dev.berth.model.internal;
