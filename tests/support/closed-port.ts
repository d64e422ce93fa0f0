import * as net from "node:net";

/**
 * Returns a loopback port that nothing listens on: the operating system picks a free port, and the
 * listener closes before the port is returned. Another process could claim it later, which is unlikely
 * within one test.
 */
export async function findClosedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
