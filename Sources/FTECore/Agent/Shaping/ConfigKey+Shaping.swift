extension ConfigKey {
    /// The name replies are signed with.
    public static let companyName = ConfigKey(
        "FTE_COMPANY_NAME", "company or product name replies are signed with (default \(ReplyShaper.defaultCompanyName))")
}
