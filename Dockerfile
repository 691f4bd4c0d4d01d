# Parley server image: builds the jar (server + web app) and runs it on a JRE.
# docker build -t parley .
FROM eclipse-temurin:25-jdk AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends nodejs npm \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN ./mvnw -B -q -DskipTests -pl server -am package

FROM eclipse-temurin:25-jre
RUN useradd --system --uid 10001 --home-dir /var/lib/parley parley \
 && mkdir -p /var/lib/parley /var/lib/parley-files && chown parley /var/lib/parley /var/lib/parley-files
COPY --from=build /src/server/target/parley.jar /opt/parley/parley.jar
USER parley
ENV PARLEY_DATA_DIR=/var/lib/parley \
    PARLEY_HOST=0.0.0.0 \
    PARLEY_PORT=8080
VOLUME /var/lib/parley
EXPOSE 8080
HEALTHCHECK --interval=15s --timeout=3s --start-period=30s \
  CMD ["java", "-cp", "/opt/parley/parley.jar", "org.parley.HealthCheck", "http://127.0.0.1:8080/readyz"]
ENTRYPOINT ["java", "-XX:+UseG1GC", "-Xss512k", "-XX:MaxRAMPercentage=75", "--enable-native-access=ALL-UNNAMED", "-jar", "/opt/parley/parley.jar"]
