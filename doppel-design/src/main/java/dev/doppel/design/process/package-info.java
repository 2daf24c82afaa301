/**
 * Simulation: per-entity event streams over time, as non-homogeneous Poisson processes with daily and weekly cycles
 * and per-entity rate multipliers. Every stream is a pure function of (seed, entity), so streams can be generated in
 * any order, on any number of threads, one entity at a time, with byte-identical results.
 */
package dev.doppel.design.process;
