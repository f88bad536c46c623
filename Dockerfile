# One image for every app; APP picks which one runs (standalone, channel-web, ticket-service,
# routing-service, agent-api, channel-email). Not built on the development machines (no Docker engine there).
FROM node:24-slim
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --omit=optional
COPY . .
ENV APP=standalone HOST=0.0.0.0
USER node
CMD ["sh", "-c", "exec node --import tsx apps/${APP}/src/main.ts"]
