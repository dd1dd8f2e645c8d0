/**
 * JMH suites, one package per zero4j module ({@code core}, {@code stores}, {@code rest}, {@code
 * rpc}, {@code queue}), each benchmark beside the peer or raw library it is measured against.
 * Methods named {@code ours*} measure zero4j; every other method in the class is a baseline, and
 * {@link io.github.zero4j.benchmarks.BenchReport} prints the ratio of ours to each. Run a suite
 * with {@code scripts/bench.sh <suite>}.
 */
package io.github.zero4j.benchmarks;
