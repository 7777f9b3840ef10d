//! Relaying a request to the emulator and its answer to a client that keeps its connection.

use std::io::{Read, Write};
use std::net::{Shutdown, TcpStream};

use crate::request::Request;

/// Sends the request to `upstream` (`host:port`) on a connection of its own and relays the whole
/// answer. Returns false when the client connection is gone.
pub fn forward(upstream: &str, request: &Request, client: &mut TcpStream) -> bool {
    match exchange(upstream, request) {
        Some(answer) => client.write_all(&answer).is_ok(),
        None => {
            let _ = client.shutdown(Shutdown::Both);
            false
        }
    }
}

/// The upstream's whole answer to `request`, ready for a client that keeps its connection;
/// `None` when the upstream cannot be reached or closes without answering.
pub fn exchange(upstream: &str, request: &Request) -> Option<Vec<u8>> {
    let mut upstream = TcpStream::connect(upstream).ok()?;
    let mut head: Vec<&str> = request
        .head
        .lines()
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .filter(|line| !line.is_empty())
        .collect();
    head.push("Connection: close");
    let mut bytes = head.join("\r\n").into_bytes();
    bytes.extend_from_slice(b"\r\n\r\n");
    bytes.extend_from_slice(&request.body);
    upstream.write_all(&bytes).ok()?;
    let mut answer = Vec::new();
    upstream.read_to_end(&mut answer).ok()?;
    // The upstream closes after its answer; the client may keep its connection, so the
    // relayed answer says nothing about closing.
    Some(keep_alive(&answer))
}

/// A JSON answer of the proxy's own (its statistics).
pub fn json_answer(body: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
        body.len()
    )
    .into_bytes()
}

/// An upstream answer with its `Connection: close` header removed.
fn keep_alive(answer: &[u8]) -> Vec<u8> {
    let Some(end) = answer.windows(4).position(|w| w == b"\r\n\r\n") else {
        return answer.to_vec();
    };
    let head = String::from_utf8_lossy(&answer[..end]);
    let head: Vec<&str> = head
        .lines()
        .filter(|line| !line.to_ascii_lowercase().starts_with("connection:"))
        .collect();
    let mut bytes = head.join("\r\n").into_bytes();
    bytes.extend_from_slice(&answer[end..]);
    bytes
}
