/**
 * The network rules, defined once and called by both front doors: the annotation processor reports a
 * {@link dev.scratchnet.annotations.internal.Violation} as a compile error on the offending element, the
 * run-time DSL's builder as a line of its exception. Not user API: it is public only because the processor
 * and the runtime, other modules, call it, and it may change in any release.
 */
package dev.scratchnet.annotations.internal;
