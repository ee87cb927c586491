# Builds the dashboard with Node, the service with Maven (packing the dashboard into the jar),
# and runs it on a JRE.
FROM node:20-bookworm AS editor
WORKDIR /src/editor
COPY editor/package.json editor/package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY editor ./
RUN npm run build

FROM maven:3.9-eclipse-temurin-17 AS build
WORKDIR /src
COPY pom.xml .
COPY .mvn .mvn
COPY mvnw .
RUN mvn -B -q dependency:resolve
COPY src src
COPY --from=editor /src/editor/dist editor/dist
RUN mvn -B -q package -DskipTests -DeditorBuildSkipped=true

FROM eclipse-temurin:17-jre
WORKDIR /app
COPY --from=build /src/target/oven-workflows-*.jar /app/oven-workflows.jar
COPY routes /app/routes
ENV OVEN_DATA_DIR=/app/data
EXPOSE 8080
ENTRYPOINT ["java", "-jar", "/app/oven-workflows.jar"]
