# syntax=docker/dockerfile:1
# Sightline's image: built from source with the Maven wrapper, run on a JRE 25 as a non-root user.
#
#   docker build -t sightline .                            # server and cluster mode
#   docker build -t sightline --build-arg WITH_CHDB=true . # also the embedded engine (+570 MB)
#
# The image defaults to SIGHTLINE_STORAGE_MODE=server: server mode never loads libchdb.so, so the
# default image leaves the 570 MB engine out. Built WITH_CHDB=true, run it with
# SIGHTLINE_STORAGE_MODE=embedded for a single container keeping everything under /var/lib/sightline.

# Node.js for the frontend build (Vite needs Node >= 20.19) and for npm, which fetches libchdb.so.
FROM node:22-bookworm-slim AS node

FROM eclipse-temurin:25-jdk AS build
ARG WITH_CHDB=false
COPY --from=node /usr/local/bin/node /usr/local/bin/node
COPY --from=node /usr/local/lib/node_modules/npm /usr/local/lib/node_modules/npm
RUN ln -s ../lib/node_modules/npm/bin/npm-cli.js /usr/local/bin/npm
WORKDIR /src
COPY . .
# Maven's, npm's and chDB's downloads stay in BuildKit caches between builds, not in the layers.
RUN --mount=type=cache,target=/root/.m2 \
    --mount=type=cache,target=/root/.npm \
    --mount=type=cache,target=/root/.cache/sightline \
    ./mvnw -B -ntp -DskipTests -Dchdb.skip="$([ "$WITH_CHDB" = true ] && echo false || echo true)" package \
 && mkdir -p /out/lib \
 && cp backend/target/sightline.jar /out/sightline.jar \
 && if [ "$WITH_CHDB" = true ]; then \
      chdb="$(sed -n 's#.*<chdb.version>\(.*\)</chdb.version>.*#\1#p' backend/pom.xml)" \
      && cp "/root/.cache/sightline/chdb/$chdb/libchdb.so" /out/lib/; \
    fi

FROM eclipse-temurin:25-jre
# curl for the health check only.
RUN apt-get update \
 && apt-get install -y --no-install-recommends curl \
 && rm -rf /var/lib/apt/lists/* \
 && groupadd --system --gid 10001 sightline \
 && useradd --system --uid 10001 --gid sightline --home-dir /var/lib/sightline --shell /usr/sbin/nologin sightline \
 && mkdir -p /var/lib/sightline \
 && chown sightline:sightline /var/lib/sightline
COPY --from=build /out/lib/ /opt/sightline/lib/
COPY --from=build /out/sightline.jar /opt/sightline/sightline.jar

# The heap follows the container's memory limit (MaxRAMPercentage), leaving room for the off-heap
# (Tomcat, the ClickHouse client and, in embedded mode, chDB's own memory). The java launcher reads
# JDK_JAVA_OPTIONS: set it to replace these flags.
ENV SIGHTLINE_STORAGE_MODE=server \
    SIGHTLINE_DATA_DIR=/var/lib/sightline \
    SIGHTLINE_CHDB_LIBRARY=/opt/sightline/lib/libchdb.so \
    JDK_JAVA_OPTIONS="-XX:MaxRAMPercentage=60 -XX:InitialRAMPercentage=25 -XX:+ExitOnOutOfMemoryError"

USER sightline:sightline
WORKDIR /var/lib/sightline
# Embedded data (the H2 metadata file, chDB's parts) and nothing else is written here.
VOLUME ["/var/lib/sightline"]
# 8080 pages, APIs and OTLP/HTTP; 4318 OTLP/HTTP; 4317 OTLP/gRPC; 9411 Zipkin.
EXPOSE 8080 4317 4318 9411
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD curl -fsS http://127.0.0.1:8080/actuator/health > /dev/null || exit 1
ENTRYPOINT ["java", "-jar", "/opt/sightline/sightline.jar"]
