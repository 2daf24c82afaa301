/**
 * What synthetic data reveals about the training rows, always measured against a holdout of unseen real rows: distance
 * to closest record under a mixed-type distance, exact copies, membership inference, and Anonymeter-style attribute
 * inference and singling-out attacks.
 */
package dev.doppel.eval.privacy;
