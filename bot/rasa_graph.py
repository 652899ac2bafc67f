"""Rasa's prediction graph run node by node in an order worked out once, without dask.

Rasa 3.6's DaskGraphRunner, for every message, walks the graph's dependencies again to find the
nodes a target needs (recursively, once per path), builds a dask graph of them and lets dask
order and run it on one thread. The graph never changes once a model is loaded, so that work
is the same every time: about a tenth of the Rasa server's CPU a message under load
(docs/benchmarks.md). This runner keeps DaskGraphRunner's nodes, inputs, results and errors and
runs the same nodes in a dependency order found once for each set of targets.
"""

from __future__ import annotations

from typing import Any

from rasa.engine.exceptions import GraphRunError
from rasa.engine.runner.dask import DaskGraphRunner


class OrderedGraphRunner(DaskGraphRunner):
    """DaskGraphRunner whose run calls the nodes itself, in an order kept per target set."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._run_orders: dict[tuple[str, ...], list[tuple[str, tuple[str, ...]]]] = {}

    def run(
        self,
        inputs: dict[str, Any] | None = None,
        targets: list[str] | None = None,
    ) -> dict[str, Any]:
        """As DaskGraphRunner.run: each target's name and output."""
        run_targets = targets if targets else self._graph_schema.target_names
        outputs: dict[str, Any] = {}
        for input_name, input_value in (inputs or {}).items():
            if isinstance(input_value, str) and input_value in self._instantiated_nodes:
                raise GraphRunError(
                    f"Input value '{input_value}' clashes with a node name: no input passed "
                    f"to `run` may be the name of a node of the graph schema."
                )
            outputs[input_name] = (input_name, input_value)
        try:
            for node_name, needs in self._run_order(tuple(run_targets)):
                if node_name in outputs:  # an input given for a node stands for it, as in dask
                    continue
                node = self._instantiated_nodes[node_name]
                # A need nobody provided is passed by its name, as dask passes it.
                outputs[node_name] = node(*(outputs.get(need, need) for need in needs))
        except RuntimeError as e:
            raise GraphRunError("Error running runner.") from e
        return dict(outputs[target] for target in run_targets)

    def _run_order(self, targets: tuple[str, ...]) -> list[tuple[str, tuple[str, ...]]]:
        """The nodes `targets` need, each after the nodes it needs, with those needs."""
        if targets not in self._run_orders:
            nodes = self._graph_schema.nodes
            order: list[tuple[str, tuple[str, ...]]] = []
            placed: set[str] = set()

            def place(name: str) -> None:
                if name in placed or name not in nodes:  # placed, or an input
                    return
                placed.add(name)
                needs = tuple(nodes[name].needs.values())
                for need in needs:
                    place(need)
                order.append((name, needs))

            for target in targets:
                place(target)
            self._run_orders[targets] = order
        return self._run_orders[targets]


def install() -> None:
    """Make Rasa's MessageProcessor load its models with OrderedGraphRunner (once)."""
    import rasa.core.processor

    rasa.core.processor.DaskGraphRunner = OrderedGraphRunner  # type: ignore[misc]
