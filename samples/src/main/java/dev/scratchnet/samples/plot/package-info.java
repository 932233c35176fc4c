/** The book's figures, drawn headless with XChart and Java2D. */
@NullMarked
package dev.scratchnet.samples.plot;

import org.jspecify.annotations.NullMarked;
