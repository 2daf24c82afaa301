/**
 * Neural synthesizers (CTGAN, TVAE, tabular diffusion) trained with DJL on the PyTorch engine. Kept in their own module
 * so that the core and the statistical synthesizers do not carry PyTorch's native libraries.
 */
package dev.doppel.neural;
