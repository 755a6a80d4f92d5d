# Builds the application from this repository (used by docker-compose.yml).
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
RUN mvn -B -ntp dependency:go-offline
COPY src src
COPY bpmn bpmn
COPY forms forms
RUN mvn -B -ntp -DskipTests package

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
    && useradd --system --home /app samlarande
WORKDIR /app
COPY --from=build /src/target/samlarande-*.jar /app/samlarande.jar
USER samlarande
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/samlarande.jar"]
