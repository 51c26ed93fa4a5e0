"""The Trackline conformance runner: case loading, matching, drivers, servers and the matrix."""
