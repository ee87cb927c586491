# Builds the service (and, once it exists, the editor) and runs it on a JRE.
FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY .mvn .mvn
COPY mvnw .
RUN mvn -B -q dependency:resolve
COPY src src
COPY editor editor
RUN mvn -B -q package -DskipTests

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/oven-workflows-*.jar /app/oven-workflows.jar
COPY routes /app/routes
ENV OVEN_DATA_DIR=/app/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/oven-workflows.jar"]
