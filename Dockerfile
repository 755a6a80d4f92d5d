# Builds the application from this repository (used by docker-compose.yml).

# The guest pages' form viewer comes from the npm registry (the Maven image has no npm).
FROM node:20-slim AS frontend
WORKDIR /src/frontend
COPY frontend/package.json frontend/package-lock.json frontend/.npmrc ./
RUN npm ci --ignore-scripts --no-audit --no-fund

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
COPY --from=frontend /src/frontend frontend
RUN mvn -B -ntp -DskipTests -Dskip.npm package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app samlarande
WORKDIR /app
COPY --from=build /src/target/samlarande-*.jar /app/samlarande.jar
USER samlarande
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/samlarande.jar"]
