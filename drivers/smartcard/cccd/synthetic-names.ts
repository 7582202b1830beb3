/** Word lists for synthetic citizens: common Vietnamese family, middle and given names, places. */

export const FAMILY_NAMES: readonly (readonly [string, number])[] = [
  ['Nguyễn', 38],
  ['Trần', 11],
  ['Lê', 9],
  ['Phạm', 7],
  ['Hoàng', 5],
  ['Huỳnh', 4],
  ['Phan', 4],
  ['Vũ', 4],
  ['Võ', 4],
  ['Đặng', 2],
  ['Bùi', 2],
  ['Đỗ', 2],
  ['Hồ', 2],
  ['Ngô', 2],
  ['Dương', 2],
  ['Lý', 1],
]

export const MIDDLE_NAMES = {
  M: ['Văn', 'Hữu', 'Đức', 'Minh', 'Quang', 'Thành', 'Công', 'Xuân', 'Đình', 'Gia'],
  F: ['Thị', 'Ngọc', 'Thu', 'Thanh', 'Kim', 'Mai', 'Bảo', 'Khánh', 'Diệu', 'Phương'],
} as const

export const GIVEN_NAMES = {
  M: [
    'An',
    'Bình',
    'Cường',
    'Dũng',
    'Đạt',
    'Hùng',
    'Huy',
    'Khoa',
    'Long',
    'Nam',
    'Phúc',
    'Quân',
    'Sơn',
    'Thắng',
    'Tuấn',
    'Việt',
  ],
  F: [
    'Anh',
    'Chi',
    'Giang',
    'Hà',
    'Hạnh',
    'Hoa',
    'Hương',
    'Lan',
    'Linh',
    'Mai',
    'Ngọc',
    'Nhung',
    'Phương',
    'Thảo',
    'Trang',
    'Vy',
  ],
} as const

export const ETHNICITIES: readonly (readonly [string, number])[] = [
  ['Kinh', 85],
  ['Tày', 2],
  ['Thái', 2],
  ['Mường', 2],
  ['Khmer', 1.5],
  ['Hoa', 1],
  ['Nùng', 1],
  ['Mông', 1],
  ['Dao', 1],
  ['Ê Đê', 0.5],
]

export const RELIGIONS: readonly (readonly [string, number])[] = [
  ['Không', 80],
  ['Phật giáo', 9],
  ['Công giáo', 7],
  ['Cao Đài', 1.5],
  ['Phật giáo Hòa Hảo', 1.5],
  ['Tin Lành', 1],
]

export const STREETS = [
  'Lê Lợi',
  'Trần Hưng Đạo',
  'Nguyễn Trãi',
  'Hai Bà Trưng',
  'Lý Thường Kiệt',
  'Quang Trung',
  'Điện Biên Phủ',
  'Nguyễn Huệ',
  'Phan Chu Trinh',
  'Lê Duẩn',
] as const

/** Identifying marks as printed on cards: a mark, its size and where it is. */
export const MARKS = ['Nốt ruồi', 'Sẹo chấm', 'Sẹo'] as const
export const MARK_PLACES = [
  'trên trước mép phải',
  'dưới sau đuôi mắt trái',
  'trên trước đầu mày phải',
  'dưới trước cánh mũi trái',
  'sau dái tai phải',
  'trên cằm trái',
] as const
