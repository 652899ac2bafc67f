"""bot.rasa_graph.OrderedGraphRunner gives what Rasa's DaskGraphRunner gives, on small graphs of
real GraphComponents: each target's output, inputs, shared needs run once, errors."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rasa.engine.exceptions import GraphComponentException, GraphRunError
from rasa.engine.graph import ExecutionContext, GraphComponent, GraphSchema, SchemaNode
from rasa.engine.runner.dask import DaskGraphRunner
from rasa.engine.storage.local_model_storage import LocalModelStorage

from bot.rasa_graph import OrderedGraphRunner

CALLS: list[str] = []


class Joined(GraphComponent):
    """Joins its config's word to what its needs gave, and counts its runs in CALLS."""

    def __init__(self, word: str) -> None:
        self.word = word

    @classmethod
    def create(
        cls, config: dict[str, Any], model_storage: Any, resource: Any, execution_context: Any
    ) -> Joined:
        return cls(config["word"])

    def join(self, **parts: Any) -> str:
        CALLS.append(self.word)
        if self.word == "broken":
            raise ValueError("this node breaks")
        return "+".join([*(str(parts[name]) for name in sorted(parts)), self.word])


def node(word: str, is_target: bool = False, **needs: str) -> SchemaNode:
    return SchemaNode(
        needs=needs,
        uses=Joined,
        constructor_name="create",
        fn="join",
        config={"word": word},
        is_target=is_target,
    )


# a diamond: "d" needs "b" and "c", which both need "a"; "a" needs the input "text".
DIAMOND = GraphSchema(
    {
        "a": node("a", t="text"),
        "b": node("b", x="a"),
        "c": node("c", x="a"),
        "d": node("d", left="b", right="c"),
        "lone": node("lone"),
    }
)


def runners(schema: GraphSchema, tmp_path: Path) -> list[Any]:
    storage = LocalModelStorage(tmp_path)
    context = ExecutionContext(graph_schema=schema, model_id="test")
    return [
        runner_class.create(graph_schema=schema, model_storage=storage, execution_context=context)
        for runner_class in (DaskGraphRunner, OrderedGraphRunner)
    ]


def run_both(schema: GraphSchema, tmp_path: Path, **kwargs: Any) -> list[tuple[Any, list[str]]]:
    results = []
    for runner in runners(schema, tmp_path):
        CALLS.clear()
        results.append((runner.run(**kwargs), sorted(CALLS)))
    return results


@pytest.mark.parametrize("targets", [["d"], ["b"], ["d", "lone"], ["c", "a"]])
def test_the_same_outputs_and_each_node_run_once(tmp_path: Path, targets: list[str]) -> None:
    dask, ordered = run_both(DIAMOND, tmp_path, inputs={"text": "hi"}, targets=targets)
    assert ordered == dask
    assert set(ordered[0]) == set(targets)


def test_the_diamond_joins_its_needs_in_order(tmp_path: Path) -> None:
    _, ordered = run_both(DIAMOND, tmp_path, inputs={"text": "hi"}, targets=["d"])
    assert ordered == ({"d": "hi+a+b+hi+a+c+d"}, ["a", "b", "c", "d"])


def test_an_order_found_once_serves_every_message(tmp_path: Path) -> None:
    _, runner = runners(DIAMOND, tmp_path)
    first = runner.run(inputs={"text": "one"}, targets=["d"])
    second = runner.run(inputs={"text": "two"}, targets=["d"])
    assert first["d"].startswith("one") and second["d"].startswith("two")


def test_no_targets_runs_the_schemas_targets(tmp_path: Path) -> None:
    schema = GraphSchema({"a": node("a", t="text"), "b": node("b", is_target=True, x="a")})
    dask, ordered = run_both(schema, tmp_path, inputs={"text": "x"})
    assert ordered == dask == ({"b": "x+a+b"}, ["a", "b"])


def test_an_input_valued_as_a_node_name_is_refused(tmp_path: Path) -> None:
    for runner in runners(DIAMOND, tmp_path):
        with pytest.raises(GraphRunError):
            runner.run(inputs={"text": "a"}, targets=["d"])


def test_a_failing_node_raises_as_in_rasa(tmp_path: Path) -> None:
    schema = GraphSchema({"a": node("a", t="text"), "broken": node("broken", x="a")})
    for runner in runners(schema, tmp_path):
        with pytest.raises(GraphComponentException):
            runner.run(inputs={"text": "x"}, targets=["broken"])


def test_install_makes_rasas_processor_load_with_it() -> None:
    import rasa.core.processor

    from bot import rasa_graph

    before = rasa.core.processor.DaskGraphRunner
    try:
        rasa_graph.install()
        assert rasa.core.processor.DaskGraphRunner is OrderedGraphRunner
    finally:
        rasa.core.processor.DaskGraphRunner = before
