import type { KbArticleText } from './kb-articles-zh.js';

/** English knowledge-base articles of the demo shop (the international Larkspur store, prices in USD). */

export const KB_EN: readonly KbArticleText[] = [
  {
    topic: 'returns',
    category: 'after_sales',
    title: 'Return policy',
    body: 'You can return unused items with their original tags within 30 days of delivery for a full refund. Underwear, opened beauty products and food cannot be returned unless they are faulty. Start a return from "My orders" by choosing "Return an item", then print the prepaid label. Return shipping is free for faulty items; for other returns a flat fee of USD 5 is deducted from the refund. Gold and Platinum members get free returns on every order.',
  },
  {
    topic: 'refunds',
    category: 'after_sales',
    title: 'When will I get my refund?',
    body: 'Once the warehouse receives and inspects your return, we issue the refund within 2 business days to the original payment method. Card refunds usually appear within 5-10 business days, depending on your bank. PayPal refunds arrive within 3 business days. If you paid with a gift card, the amount goes back to the gift card. Contact us if your refund has not arrived after 10 business days.',
  },
  {
    topic: 'shipping',
    category: 'shipping',
    title: 'Shipping times and costs',
    body: 'Standard shipping is free on orders over USD 50; below that it costs USD 6. Standard delivery takes 5-8 business days and express delivery takes 2-3 business days for USD 15. Orders placed before 2 pm (local warehouse time) on a business day ship the same day. During Black Friday and the holiday season, please allow 2 extra business days.',
  },
  {
    topic: 'international_shipping',
    category: 'shipping',
    title: 'International shipping, duties and taxes',
    body: 'We ship to more than 30 countries, including the United States, Canada, the United Kingdom, Australia and Singapore. International orders usually arrive within 7-15 business days. Import duties and taxes are not included in the price and are paid by the recipient on delivery, except for UK orders, where VAT is included at checkout. We cannot ship to PO boxes or military addresses.',
  },
  {
    topic: 'order_tracking',
    category: 'orders',
    title: 'Tracking your order',
    body: 'Sign in and open "My orders" to see the status of every order. When your order ships we email you a tracking link, and tracking usually updates within 24 hours. You can cancel an order until it ships; after that, please return it once it arrives. If tracking has not moved for 5 business days, contact support and we will open an investigation with the carrier.',
  },
  {
    topic: 'payment',
    category: 'payment',
    title: 'Payment methods',
    body: 'We accept Visa, Mastercard, American Express, PayPal, Apple Pay and Google Pay. All prices on the international store are charged in US dollars; your bank may apply its own exchange rate. Orders over USD 100 can be split into 4 interest-free payments. Your card is charged when the order ships, not when you place it.',
  },
  {
    topic: 'invoices',
    category: 'payment',
    title: 'Receipts and VAT invoices',
    body: 'A receipt is emailed to you when your order ships. Business customers can request a VAT invoice by adding their company name and VAT number at checkout. You can download PDF invoices from "My orders" within 48 hours of delivery. Invoices cannot be changed to a different company after they are issued.',
  },
  {
    topic: 'membership',
    category: 'membership',
    title: 'Membership tiers and benefits',
    body: 'Our free membership has four tiers: Bronze, Silver, Gold and Platinum, based on your spending over the last 12 months. You reach Silver at USD 150, Gold at USD 700 and Platinum at USD 3,000. Every member gets a birthday voucher; Silver and above get free standard shipping on all orders; Gold and above get free returns; Platinum members also get early access to new collections.',
  },
  {
    topic: 'points',
    category: 'membership',
    title: 'Reward points',
    body: 'You earn 10 points for every US dollar you spend, credited once your order is delivered. Every 500 points can be redeemed for a USD 5 voucher at checkout. Points expire 18 months after you earn them. Gift card purchases and shipping fees do not earn points, and points are removed if you return the item.',
  },
  {
    topic: 'warranty',
    category: 'after_sales',
    title: 'Warranty and repairs',
    body: 'Electronics come with a 1-year limited warranty from the delivery date, and shoes and bags have a 6-month warranty on workmanship. Within the warranty we repair or replace items that fail in normal use at no cost. Accidental damage, water damage and unauthorised repairs are not covered. To make a claim, open "My orders", select the item and choose "Warranty claim".',
  },
  {
    topic: 'privacy',
    category: 'privacy',
    title: 'Privacy notice (summary)',
    body: 'We collect only the personal data we need to run your account and deliver your orders, such as your name, address, email and order history. We never sell your personal data. We send marketing emails only if you opt in, and you can unsubscribe at any time with the link in every email. We keep your data for 3 years after your last activity and then delete or anonymise it. We process data under the GDPR and the CCPA where they apply.',
  },
  {
    topic: 'data_requests',
    category: 'privacy',
    title: 'Access, correct or delete your data',
    body: 'You can ask for a copy of your personal data, have it corrected, or have your account and data deleted. Submit a request under "Account settings > Privacy" or email privacy@example.com. We respond within 30 days, as required by the GDPR; California residents can also use the "Do not sell or share my personal information" link. Deleting your account cancels any unused points and vouchers.',
  },
  {
    topic: 'size_guide',
    category: 'products',
    title: 'Size guide',
    body: 'Clothing sizes: S fits a 33-35 inch chest, M fits 35-37 inches, L fits 37-39 inches and XL fits 39-41 inches. Shoes use EU sizes; EU 36 fits a foot length of 230 mm, and each size up adds about 6.7 mm. If you are between sizes, we recommend sizing up. Each product page has a detailed size chart.',
  },
  {
    topic: 'promotions',
    category: 'promotions',
    title: 'Black Friday and sale terms',
    body: 'Black Friday prices apply from Friday until the end of Cyber Monday while stocks last. Only one promo code can be used per order, and promo codes cannot be combined with member vouchers. If an item you bought drops in price within 14 days, we refund the difference on request. Sale items can be returned within 30 days like any other item.',
  },
  {
    topic: 'store_pickup',
    category: 'stores',
    title: 'Click and collect',
    body: 'Choose "Collect in store" at checkout and we will email you when your order is ready, usually within 2 business days. Please collect it within 10 days with your order confirmation and a photo ID; uncollected orders are cancelled and refunded. Our stores are open 10 am to 8 pm, Monday to Saturday, and 11 am to 6 pm on Sundays. You can also return online orders in any store.',
  },
  {
    topic: 'contact',
    category: 'support',
    title: 'Contact customer support',
    body: 'Live chat is available every day from 8 am to 10 pm (GMT). You can also email support@example.com and we reply within one business day. Our phone line, +44 20 0000 0000, is open Monday to Friday from 9 am to 6 pm (GMT). Please have your order number ready when you contact us.',
  },
];
