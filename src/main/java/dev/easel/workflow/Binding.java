package dev.easel.workflow;

/** Where a parameter lives in the graph: a node's input. */
public record Binding(Parameter parameter, String nodeId, String input) { }
