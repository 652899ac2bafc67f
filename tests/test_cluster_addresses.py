"""Behind the cluster's nginx every request comes from nginx's own address: the Rasa servers
must read the client's address from the header nginx sets, or the per-address limits (new
conversations, handoffs) would count every newcomer of the city as one client."""

from __future__ import annotations

from bot.cluster.cluster import Cluster
from bot.cluster.config import ClusterConfig
from bot.cluster.nginx import render_config
from bot.settings import load_settings


def test_rasa_servers_behind_nginx_take_the_address_nginx_forwards(tmp_path):
    model = tmp_path / "model.tar.gz"
    model.write_bytes(b"")
    settings = load_settings({"KOTOBOT_VAR_DIR": str(tmp_path), "KOTOBOT_MODEL": str(model)})
    config = ClusterConfig(
        directory=tmp_path / "cluster",
        host="127.0.0.1",
        port=8080,
        rasa_ports=(5101, 5102),
        action_port=5155,
        postgres_port=5433,
        redis_port=6380,
    )
    cluster = Cluster(config=config, settings=settings, token="t")

    servers = cluster.rasa_servers(settings)

    assert [s.env["CLIENT_ADDRESS_HEADER"] for s in servers] == ["X-Forwarded-For"] * 2
    assert [s.env["RASA_PORT"] for s in servers] == ["5101", "5102"]
    # ... the header nginx's configuration sets, with the client's address as its last hop.
    nginx = render_config(tmp_path, "127.0.0.1", 8080, [5101, 5102])
    assert "proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;" in nginx
