/** The book's networks, declared with annotations, and the scratchnet command-line app. */
@NullMarked
package dev.scratchnet.samples;

import org.jspecify.annotations.NullMarked;
