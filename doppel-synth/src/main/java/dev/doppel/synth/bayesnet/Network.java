package dev.doppel.synth.bayesnet;

import java.util.ArrayList;
import java.util.List;

/**
 * The learned network: each variable's states and its table given its parents, and an order in which every parent
 * comes before its children.
 */
record Network(List<ColumnStates> states, List<ConditionalTable> tables, int[] order) {
    Network {
        states = List.copyOf(states);
        tables = List.copyOf(tables);
        if (states.size() != tables.size()) {
            throw new IllegalArgumentException("one table per variable");
        }
    }

    int size() {
        return states.size();
    }

    int[] cards() {
        return states.stream().mapToInt(ColumnStates::count).toArray();
    }

    /** A topological order of the variables given their parents, or null when the parents form a cycle. */
    static int[] topologicalOrder(int[][] parents) {
        int d = parents.length;
        int[] order = new int[d];
        boolean[] placed = new boolean[d];
        int n = 0;
        while (n < d) {
            boolean progress = false;
            // Lowest ready index first, so the order is a function of the structure alone.
            for (int v = 0; v < d; v++) {
                if (!placed[v] && allPlaced(parents[v], placed)) {
                    placed[v] = true;
                    order[n++] = v;
                    progress = true;
                    break;
                }
            }
            if (!progress) {
                return null;
            }
        }
        return order;
    }

    private static boolean allPlaced(int[] vars, boolean[] placed) {
        for (int v : vars) {
            if (!placed[v]) {
                return false;
            }
        }
        return true;
    }

    /** {@code vars} and all their ancestors. */
    boolean[] ancestralSet(List<Integer> vars) {
        boolean[] in = new boolean[size()];
        List<Integer> stack = new ArrayList<>(vars);
        while (!stack.isEmpty()) {
            int v = stack.remove(stack.size() - 1);
            if (!in[v]) {
                in[v] = true;
                for (int p : tables.get(v).parents()) {
                    stack.add(p);
                }
            }
        }
        return in;
    }
}
