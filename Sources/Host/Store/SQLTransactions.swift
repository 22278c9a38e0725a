/// A connection that runs statements: both store backends get the same transaction handling.
protocol SQLTransactions {
    func execute(_ sql: String) throws(StoreError)
    /// The statement that opens a transaction on this backend.
    var beginStatement: String { get }
}

extension SQLTransactions {
    /// Runs `body` in a transaction: committed when it returns, rolled back when it throws.
    /// Transactions do not nest.
    func transaction<T>(_ body: () throws -> T) throws -> T {
        try execute(beginStatement)
        do {
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }
}
