package dev.campaignpipe.support;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A loopback TCP relay between the product and its database, to cut the connection the
 * way a server restart or a network failure does ({@link #cut()}) and bring it back
 * ({@link #restore()}), without stopping a database other tests share.
 */
public final class TcpProxy implements AutoCloseable {

	private final ServerSocket listener;

	private final int targetPort;

	private final List<Socket> open = new CopyOnWriteArrayList<>();

	private volatile boolean up = true;

	public TcpProxy(int targetPort) throws IOException {
		this.targetPort = targetPort;
		this.listener = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
		Thread acceptor = new Thread(this::accept, "tcp-proxy");
		acceptor.setDaemon(true);
		acceptor.start();
	}

	public int port() {
		return listener.getLocalPort();
	}

	/** Drops every connection and refuses new ones (they are closed at once). */
	public void cut() {
		up = false;
		open.forEach(TcpProxy::closeQuietly);
		open.clear();
	}

	public void restore() {
		up = true;
	}

	private void accept() {
		while (!listener.isClosed()) {
			try {
				Socket client = listener.accept();
				if (!up) {
					closeQuietly(client);
					continue;
				}
				Socket server = new Socket(InetAddress.getLoopbackAddress(), targetPort);
				open.add(client);
				open.add(server);
				pump(client, server);
				pump(server, client);
			}
			catch (IOException ex) {
				// listener closed, or the target refused: the client sees a closed
				// connection
			}
		}
	}

	private void pump(Socket from, Socket to) {
		Thread thread = new Thread(() -> {
			byte[] buffer = new byte[16384];
			try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
				int n;
				while ((n = in.read(buffer)) >= 0) {
					out.write(buffer, 0, n);
				}
			}
			catch (IOException ex) {
				// connection cut
			}
			finally {
				closeQuietly(from);
				closeQuietly(to);
			}
		}, "tcp-proxy-pump");
		thread.setDaemon(true);
		thread.start();
	}

	private static void closeQuietly(Socket socket) {
		try {
			socket.close();
		}
		catch (IOException ex) {
			// already closed
		}
	}

	@Override
	public void close() throws IOException {
		cut();
		listener.close();
	}

}
