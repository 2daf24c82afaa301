package dev.doppel.synth.trees;

import dev.doppel.synth.ParameterReader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Trees as JSON: an array of nodes in preorder (a split is followed by its left subtree, then its right subtree).
 * <ul>
 *   <li>numeric split: {@code {"column": "age", "atMost": 37.5, "nullsLeft": false}}</li>
 *   <li>categorical split: {@code {"column": "workclass", "left": ["Private", null]}}</li>
 *   <li>class leaf: {@code {"counts": [12, 3]}}</li>
 *   <li>value leaf: {@code {"rows": 12, "quantiles": [17.0, 23.5, 31.0]}}</li>
 * </ul>
 */
final class TreeJson {
    private TreeJson() {
    }

    /**
     * What a tree may refer to when read.
     *
     * @param columns    column name → index in the metadata
     * @param predictors the column indices a split may test (learned columns visited before the target)
     * @param numeric    per column index, whether it is numeric
     * @param classes    per column index, the classes of a categorical column (null for others)
     * @param leafClasses classes of a class leaf's counts, or 0 for value leaves
     */
    record Context(Map<String, Integer> columns, Set<Integer> predictors, boolean[] numeric,
                   List<List<String>> classes, int leafClasses) {
    }

    static ArrayNode write(Tree tree, List<String> names, List<List<String>> classes) {
        JsonNodeFactory f = JsonNodeFactory.instance;
        ArrayNode nodes = f.arrayNode();
        for (int i = 0; i < tree.nodeCount(); i++) {
            ObjectNode node = nodes.addObject();
            if (tree.isLeaf(i)) {
                Leaf leaf = tree.leaf(i);
                if (leaf instanceof Leaf.ClassCounts counts) {
                    ArrayNode a = node.putArray("counts");
                    for (int c : counts.counts()) {
                        a.add(c);
                    }
                } else {
                    Leaf.ValueSketch sketch = (Leaf.ValueSketch) leaf;
                    node.put("rows", sketch.rows());
                    ArrayNode a = node.putArray("quantiles");
                    for (double q : sketch.quantiles()) {
                        a.add(q);
                    }
                }
                continue;
            }
            int c = tree.column(i);
            node.put("column", names.get(c));
            boolean[] left = tree.classesLeft(i);
            if (left == null) {
                node.put("atMost", tree.atMost(i));
                node.put("nullsLeft", tree.nullsLeft(i));
            } else {
                ArrayNode a = node.putArray("left");
                for (int k = 0; k < left.length; k++) {
                    if (left[k]) {
                        a.add(classes.get(c).get(k));
                    }
                }
            }
        }
        return nodes;
    }

    static Tree read(ParameterReader r, JsonNode nodes, String path, Context context) {
        if (nodes == null || !nodes.isArray() || nodes.isEmpty()) {
            throw r.invalid(path, "a non-empty array of tree nodes", nodes);
        }
        Tree.Builder builder = new Tree.Builder();
        int next = readNode(r, nodes, path, context, builder, 0, 0);
        if (next != nodes.size()) {
            throw r.invalid(path + "[" + next + "]", "the end of the tree (every split already has two subtrees)",
                    "another node");
        }
        return builder.build();
    }

    /** Reads the subtree starting at {@code index}; returns the index after it. */
    private static int readNode(ParameterReader r, JsonNode nodes, String path, Context context, Tree.Builder builder,
                                int index, int depth) {
        String at = path + "[" + index + "]";
        if (index >= nodes.size()) {
            throw r.invalid(at, "another node (a split needs two subtrees)", "the end of the tree");
        }
        JsonNode node = nodes.get(index);
        if (!node.isObject()) {
            throw r.invalid(at, "an object", node);
        }
        if (!node.has("column")) {
            builder.leaf(readLeaf(r, node, at, context));
            return index + 1;
        }
        if (depth >= Tree.MAX_DEPTH) {
            throw r.invalid(at, "a leaf (trees are at most " + Tree.MAX_DEPTH + " splits deep)", "a split");
        }
        String name = r.text(node, "column", at + ".column");
        Integer c = context.columns().get(name);
        if (c == null || !context.predictors().contains(c)) {
            throw r.invalid(at + ".column", "a learned column visited before this one", "'" + name + "'");
        }
        int split;
        if (context.numeric()[c]) {
            double threshold = r.number(node, "atMost", at + ".atMost");
            split = builder.numericSplit(c, threshold, r.bool(node, "nullsLeft", at + ".nullsLeft"));
        } else {
            List<String> classes = context.classes().get(c);
            JsonNode values = r.array(node, "left", at + ".left");
            boolean[] left = new boolean[classes.size()];
            Set<String> seen = new HashSet<>();
            for (int k = 0; k < values.size(); k++) {
                JsonNode v = values.get(k);
                String value = v.isNull() ? null : v.isTextual() ? v.asText() : null;
                int index2 = v.isNull() || v.isTextual() ? classes.indexOf(value) : -1;
                if (index2 < 0 || !seen.add(value)) {
                    throw r.invalid(at + ".left[" + k + "]", "a class of " + name + " not listed before", v);
                }
                left[index2] = true;
            }
            if (seen.isEmpty() || seen.size() == classes.size()) {
                throw r.invalid(at + ".left", "some but not all classes of " + name, seen.size() + " classes");
            }
            split = builder.categoricalSplit(c, left);
        }
        int afterLeft = readNode(r, nodes, path, context, builder, index + 1, depth + 1);
        builder.closeSplit(split);
        return readNode(r, nodes, path, context, builder, afterLeft, depth + 1);
    }

    private static Leaf readLeaf(ParameterReader r, JsonNode node, String at, Context context) {
        if (context.leafClasses() > 0) {
            JsonNode counts = r.array(node, "counts", at + ".counts");
            if (counts.size() != context.leafClasses()) {
                throw r.invalid(at + ".counts", context.leafClasses() + " counts, one per class",
                        counts.size() + " counts");
            }
            int[] c = new int[counts.size()];
            long sum = 0;
            for (int k = 0; k < c.length; k++) {
                c[k] = r.count(counts.get(k), at + ".counts[" + k + "]", 0);
                sum += c[k];
            }
            if (sum == 0 || sum > Integer.MAX_VALUE) {
                throw r.invalid(at + ".counts", "counts summing to 1.." + Integer.MAX_VALUE, "sum " + sum);
            }
            return new Leaf.ClassCounts(c);
        }
        int rows = r.count(node.get("rows"), at + ".rows", 1);
        double[] q = r.nonDecreasing(node, "quantiles", at + ".quantiles", 1);
        return new Leaf.ValueSketch(rows, q);
    }
}
