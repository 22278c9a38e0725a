import Foundation
import HTTPTypes
import Host
import Hummingbird
import NIOCore
import PackKit

/// Responses the handlers send: JSON (sorted keys, so the same data gives the same bytes), text, files.
enum Reply {
    static func json(_ value: JSON, status: HTTPResponse.Status = .ok, contentType: String = "application/json") -> Response {
        bytes(value.utf8 + [UInt8(ascii: "\n")], status: status, contentType: contentType)
    }

    static func text(_ value: String, status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        bytes(Array(value.utf8), status: status, contentType: contentType)
    }

    static func bytes(_ value: [UInt8], status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        buffer(ByteBuffer(bytes: value), status: status, contentType: contentType)
    }

    /// A kept answer is sent as it is: a `ByteBuffer` is shared between responses, never copied.
    static func buffer(_ value: ByteBuffer, status: HTTPResponse.Status = .ok, contentType: String) -> Response {
        Response(status: status, headers: [.contentType: contentType, .contentLength: String(value.readableBytes)],
                 body: ResponseBody(byteBuffer: value))
    }
}
