"""The replica benchmark at a tiny scale: it runs, every request succeeds, the cluster is back at full size."""

from __future__ import annotations

from tlcluster import Cluster, bench


def test_the_replica_benchmark_runs_every_setup_without_errors(healthy: Cluster) -> None:
    results = bench.run(healthy, clients=16, per_client=15, repeats=1)
    assert [r.setup for r in results] == [s.label for s in bench.SETUPS]
    for result in results:
        assert result.requests == 16 * 15 and result.errors == 0, result
        assert result.req_s > 0 and result.p99_ms >= result.p50_ms
        assert result.cpu_s["replicas"] > 0 and result.cpu_s["postgres"] > 0
    assert results[0].cpu_s["nginx"] == 0.0 or results[0].cpu_s["nginx"] < results[1].cpu_s["nginx"]
    assert healthy.running_replicas() == list(range(healthy.layout.replicas))
    print(bench.markdown(results))
