/**
 * The shapes {@code bench} measures besides the book's two-layer net: declared here, in the bench's own package,
 * rather than beside the networks users are shown.
 */
package dev.scratchnet.samples.bench;
