/** Group fairness of real vs synthetic data: group shares, demographic parity and equal opportunity differences. */
package dev.doppel.eval.bias;
