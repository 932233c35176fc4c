/** The picocli commands of the scratchnet app. */
@NullMarked
package dev.scratchnet.samples.cli;

import org.jspecify.annotations.NullMarked;
