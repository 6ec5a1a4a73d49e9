/**
 * Programs behind {@code bench/registry/run.sh} (not tests): a generator of synthetic registry indexes
 * in the seed's format, a loopback server that answers after a delay, a plain-parse baseline and a
 * lookup driver that calls {@code RegistryIndex.find} through the library after a sync.
 */
package dev.mp.registry.bench;
