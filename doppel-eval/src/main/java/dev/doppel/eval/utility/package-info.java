/**
 * Models on real and synthetic data: the classifier two-sample detection test, and train-on-synthetic vs
 * train-on-real utility with gradient-boosted trees (XGBoost4J) and logistic regression.
 */
package dev.doppel.eval.utility;
