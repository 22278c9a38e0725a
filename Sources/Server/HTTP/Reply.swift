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
        Response(status: status, headers: [.contentType: contentType, .contentLength: String(value.count)],
                 body: ResponseBody(byteBuffer: ByteBuffer(bytes: value)))
    }
}
