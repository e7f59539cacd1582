"""Data: image names and base images to icons of the ``diagrams`` package.

Paths are relative to the ``resources`` folder that ships with ``diagrams``; they never hold a
local path, so DOT output stays portable. Keys are image names without registry, tag or
digest: a full repository path (``prom/node-exporter``) or its last component (``postgres``).
"""

from __future__ import annotations

from typing import Final

DB: Final = "onprem/database/"
NET: Final = "onprem/network/"
MON: Final = "onprem/monitoring/"
QUEUE: Final = "onprem/queue/"
LANG: Final = "programming/language/"
FW: Final = "programming/framework/"
ELASTIC: Final = "elastic/"

GENERIC_CONTAINER: Final = "onprem/container/docker.png"

#: language runtimes: as an image name, and as the base image of a Dockerfile ``FROM``
_RUNTIMES: Final[dict[str, str]] = {
    "python": LANG + "python.png",
    "node": LANG + "nodejs.png",
    "golang": LANG + "go.png",
    "openjdk": LANG + "java.png",
    "eclipse-temurin": LANG + "java.png",
    "amazoncorretto": LANG + "java.png",
    "maven": LANG + "java.png",
    "gradle": LANG + "java.png",
    "ruby": LANG + "ruby.png",
    "php": LANG + "php.png",
    "rust": LANG + "rust.png",
    "elixir": LANG + "elixir.png",
}

#: image name (full repository path or last component) -> icon path
IMAGE_ICONS: Final[dict[str, str]] = {
    # databases
    "postgres": DB + "postgresql.png",
    "postgresql": DB + "postgresql.png",
    "postgis": DB + "postgresql.png",
    "timescaledb": DB + "postgresql.png",
    "pgvector": DB + "postgresql.png",
    "mysql": DB + "mysql.png",
    "mysql-server": DB + "mysql.png",
    "percona": DB + "mysql.png",
    "percona-server": DB + "mysql.png",
    "mariadb": DB + "mariadb.png",
    "mongo": DB + "mongodb.png",
    "mongodb": DB + "mongodb.png",
    "mongodb-community-server": DB + "mongodb.png",
    "cassandra": DB + "cassandra.png",
    "clickhouse-server": DB + "clickhouse.png",
    "clickhouse": DB + "clickhouse.png",
    "cockroach": DB + "cockroachdb.png",
    "couchdb": DB + "couchdb.png",
    "couchbase": DB + "couchbase.png",
    "influxdb": DB + "influxdb.png",
    "neo4j": DB + "neo4j.png",
    "scylla": DB + "scylla.png",
    "qdrant": DB + "qdrant.png",
    "mssql/server": DB + "mssql.png",
    "mssql-server-linux": DB + "mssql.png",
    "azure-sql-edge": DB + "mssql.png",
    "oracle-xe": DB + "oracle.png",
    "oracle-free": DB + "oracle.png",
    "dgraph": DB + "dgraph.png",
    "druid": DB + "druid.png",
    "hbase": DB + "hbase.png",
    "janusgraph": DB + "janusgraph.png",
    # in-memory stores
    "redis": "onprem/inmemory/redis.png",
    "redis-stack": "onprem/inmemory/redis.png",
    "redis-stack-server": "onprem/inmemory/redis.png",
    "valkey": "onprem/inmemory/redis.png",
    "keydb": "onprem/inmemory/redis.png",
    "memcached": "onprem/inmemory/memcached.png",
    "hazelcast": "onprem/inmemory/hazelcast.png",
    "aerospike": "onprem/inmemory/aerospike.png",
    # proxies, web servers, service discovery
    "nginx": NET + "nginx.png",
    "nginx-unprivileged": NET + "nginx.png",
    "openresty": NET + "nginx.png",
    "nginx-proxy": NET + "nginx.png",
    "traefik": NET + "traefik.png",
    "caddy": NET + "caddy.png",
    "haproxy": NET + "haproxy.png",
    "envoy": NET + "envoy.png",
    "kong": NET + "kong.png",
    "httpd": NET + "apache.png",
    "apache": NET + "apache.png",
    "tomcat": NET + "tomcat.png",
    "jetty": NET + "jetty.png",
    "wildfly": NET + "wildfly.png",
    "zookeeper": NET + "zookeeper.png",
    "cp-zookeeper": NET + "zookeeper.png",
    "consul": NET + "consul.png",
    "etcd": NET + "etcd.png",
    "istio": NET + "istio.png",
    "linkerd": NET + "linkerd.png",
    "pomerium": NET + "pomerium.png",
    "tyk-gateway": NET + "tyk.png",
    "bind9": NET + "bind-9.png",
    "coredns": "onprem/dns/coredns.png",
    "pdns-auth": "onprem/dns/powerdns.png",
    # queues and streams
    "rabbitmq": QUEUE + "rabbitmq.png",
    "kafka": QUEUE + "kafka.png",
    "cp-kafka": QUEUE + "kafka.png",
    "cp-server": QUEUE + "kafka.png",
    "redpanda": QUEUE + "kafka.png",
    "nats": QUEUE + "nats.png",
    "nats-streaming": QUEUE + "nats.png",
    "activemq": QUEUE + "activemq.png",
    "activemq-classic": QUEUE + "activemq.png",
    "activemq-artemis": QUEUE + "activemq.png",
    "emqx": QUEUE + "emqx.png",
    "celery": QUEUE + "celery.png",
    "zeromq": QUEUE + "zeromq.png",
    "centrifugo": "onprem/messaging/centrifugo.png",
    # elastic stack
    "elasticsearch": ELASTIC + "elasticsearch/elasticsearch.png",
    "kibana": ELASTIC + "elasticsearch/kibana.png",
    "logstash": ELASTIC + "elasticsearch/logstash.png",
    "filebeat": ELASTIC + "beats/filebeat.png",
    "metricbeat": ELASTIC + "beats/metricbeat.png",
    "heartbeat": ELASTIC + "beats/heartbeat.png",
    "packetbeat": ELASTIC + "beats/packetbeat.png",
    "auditbeat": ELASTIC + "beats/auditbeat.png",
    "apm-server": ELASTIC + "beats/apm.png",
    "elastic-agent": ELASTIC + "agent/agent.png",
    # monitoring, logging, tracing
    "grafana": MON + "grafana.png",
    "grafana-oss": MON + "grafana.png",
    "grafana-enterprise": MON + "grafana.png",
    "prometheus": MON + "prometheus.png",
    "alertmanager": MON + "prometheus.png",
    "pushgateway": MON + "prometheus.png",
    "node-exporter": MON + "prometheus.png",
    "blackbox-exporter": MON + "prometheus.png",
    "thanos": MON + "thanos.png",
    "mimir": MON + "mimir.png",
    "cortex": MON + "cortex.png",
    "sentry": MON + "sentry.png",
    "zabbix-server-pgsql": MON + "zabbix.png",
    "zabbix-server-mysql": MON + "zabbix.png",
    "nagios": MON + "nagios.png",
    "loki": "onprem/logging/loki.png",
    "promtail": "onprem/logging/loki.png",
    "fluent-bit": "onprem/logging/fluentbit.png",
    "graylog": "onprem/logging/graylog.png",
    "rsyslog": "onprem/logging/rsyslog.png",
    "fluentd": "onprem/aggregator/fluentd.png",
    "vector": "onprem/aggregator/vector.png",
    "jaegertracing/all-in-one": "onprem/tracing/jaeger.png",
    "jaeger": "onprem/tracing/jaeger.png",
    "tempo": "onprem/tracing/tempo.png",
    # security and identity
    "vault": "onprem/security/vault.png",
    "vaultwarden/server": "onprem/security/bitwarden.png",
    "trivy": "onprem/security/trivy.png",
    "dex": "onprem/identity/dex.png",
    "oauth2-proxy": "onprem/auth/oauth2-proxy.png",
    "boundary": "onprem/auth/boundary.png",
    # analytics, workflow, apps
    "airflow": "onprem/workflow/airflow.png",
    "nifi": "onprem/workflow/nifi.png",
    "superset": "onprem/analytics/superset.png",
    "metabase": "onprem/analytics/metabase.png",
    "spark": "onprem/analytics/spark.png",
    "flink": "onprem/analytics/flink.png",
    "trino": "onprem/analytics/trino.png",
    "presto": "onprem/analytics/presto.png",
    "dremio": "onprem/analytics/dremio.png",
    "mlflow": "onprem/mlops/mlflow.png",
    "n8n": "saas/automation/n8n.png",
    "nextcloud": "onprem/groupware/nextcloud.png",
    "sonarqube": "saas/security/sonarqube.png",
    "mattermost-team-edition": "saas/chat/mattermost.png",
    "rocket.chat": "saas/chat/rocket-chat.png",
    "solr": "onprem/search/solr.png",
    "minio": "aws/storage/simple-storage-service-s3.png",
    "ceph": "onprem/storage/ceph.png",
    # source control, CI, registries
    "gitea": "onprem/vcs/gitea.png",
    "gitlab-ce": "onprem/vcs/gitlab.png",
    "gitlab-ee": "onprem/vcs/gitlab.png",
    "gitlab-runner": "onprem/ci/gitlabci.png",
    "jenkins": "onprem/ci/jenkins.png",
    "drone": "onprem/ci/droneci.png",
    "concourse": "onprem/ci/concourseci.png",
    "teamcity-server": "onprem/ci/teamcity.png",
    "harbor-core": "onprem/registry/harbor.png",
    "artifactory-oss": "onprem/registry/jfrog.png",
    "argocd": "onprem/gitops/argocd.png",
    # container tooling
    "docker": "onprem/container/docker.png",
    "portainer-ce": "onprem/container/docker.png",
    "registry": "onprem/container/docker.png",
    # language runtimes used directly as images
    **_RUNTIMES,
    "pypy": LANG + "python.png",
    "erlang": LANG + "erlang.png",
    "swift": LANG + "swift.png",
    "dart": LANG + "dart.png",
    "dotnet/aspnet": FW + "dotnet.png",
    "dotnet/sdk": FW + "dotnet.png",
    "dotnet/runtime": FW + "dotnet.png",
    # operating system images
    "ubuntu": "generic/os/ubuntu.png",
    "debian": "generic/os/debian.png",
    "centos": "generic/os/centos.png",
    "alpine": "generic/os/linux-general.png",
    "busybox": "generic/os/linux-general.png",
}

#: base image of a Dockerfile ``FROM`` -> icon, checked after IMAGE_ICONS by the same names
BASE_LANGUAGE_ICONS: Final[dict[str, str]] = {
    **_RUNTIMES,
    "go": LANG + "go.png",
    "aspnet": FW + "dotnet.png",
    "sdk": FW + "dotnet.png",
}

#: dependency names found in requirements.txt / package.json / pom.xml -> framework icon
FRAMEWORK_MARKERS: Final[tuple[tuple[str, str, str], ...]] = (
    ("requirements.txt", "django", FW + "django.png"),
    ("requirements.txt", "fastapi", FW + "fastapi.png"),
    ("requirements.txt", "flask", FW + "flask.png"),
    ("pyproject.toml", "django", FW + "django.png"),
    ("pyproject.toml", "fastapi", FW + "fastapi.png"),
    ("pyproject.toml", "flask", FW + "flask.png"),
    ("package.json", '"next"', FW + "nextjs.png"),
    ("package.json", '"@angular/core"', FW + "angular.png"),
    ("package.json", '"vue"', FW + "vue.png"),
    ("package.json", '"react"', FW + "react.png"),
    ("package.json", '"svelte"', FW + "svelte.png"),
    ("pom.xml", "spring-boot", FW + "spring.png"),
    ("build.gradle", "org.springframework.boot", FW + "spring.png"),
    ("Gemfile", "rails", FW + "rails.png"),
    ("composer.json", "laravel/framework", FW + "laravel.png"),
)
