/**
 * The {@code serve} command: a local web page to draw a digit and see the network's answer, and to train the network
 * and watch its curves, served by the JDK's {@code com.sun.net.httpserver}.
 */
@NullMarked
package dev.scratchnet.samples.serve;

import org.jspecify.annotations.NullMarked;
