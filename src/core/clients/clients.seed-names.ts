/**
 * Name lists for the synthetic seed (`npm run cli -- seed`) and the benchmark: Uzbek given names
 * and surname stems in the official Latin alphabet (with ʻ U+02BB). The seed derives the
 * Cyrillic and Russian-style spellings from these, so one list serves every script.
 */

export const MALE_GIVEN_NAMES = [
  'Shuxrat', 'Alisher', 'Bobur', 'Jasur', 'Sardor', 'Otabek', 'Ulugʻbek', 'Rustam', 'Dilshod', 'Javlon',
  'Akmal', 'Anvar', 'Bahodir', 'Botir', 'Doniyor', 'Farrux', 'Gʻayrat', 'Ibrohim', 'Islom', 'Jamshid',
  'Komil', 'Laziz', 'Mansur', 'Murod', 'Nodir', 'Odil', 'Oybek', 'Qodir', 'Rahim', 'Sanjar',
  'Sherzod', 'Temur', 'Toʻlqin', 'Umid', 'Xurshid', 'Yusuf', 'Zafar', 'Abdulla', 'Abror', 'Azizbek',
  'Baxtiyor', 'Elyor', 'Eldor', 'Fazliddin', 'Hasan', 'Husan', 'Ilhom', 'Kamol', 'Mirzo', 'Nurali',
  'Oʻtkir', 'Qahramon', 'Ravshan', 'Saidakbar', 'Shavkat', 'Shohruh', 'Sobir', 'Tohir', 'Oʻlmas', 'Vohid',
  'Yorqin', 'Zokir', 'Muhammad', 'Abdurahmon', 'Asilbek', 'Behruz', 'Diyor', 'Hamid', 'Hayot', 'Ismoil',
  'Jahongir', 'Lochin', 'Mahmud', 'Neʼmat', 'Rashid', 'Samandar', 'Shamsiddin', 'Sulton', 'Tolib', 'Umar',
  'Xayrullo', 'Yoqub', 'Zohid', 'Aziz', 'Bekzod', 'Davron', 'Erkin', 'Gʻofur', 'Hikmat', 'Ikrom',
  'Jurabek', 'Kobil', 'Mirjalol', 'Nurbek', 'Obid', 'Pulat', 'Ruslan', 'Sherali', 'Tursun', 'Xolmurod',
] as const;

export const FEMALE_GIVEN_NAMES = [
  'Dilnoza', 'Gulnora', 'Nilufar', 'Malika', 'Madina', 'Zarina', 'Shahnoza', 'Feruza', 'Mohira', 'Nodira',
  'Gulchehra', 'Dildora', 'Sevara', 'Kamola', 'Lola', 'Mavluda', 'Nargiza', 'Oydin', 'Oʻgʻiloy', 'Gulnoza',
  'Dilfuza', 'Zulfiya', 'Saodat', 'Shoira', 'Umida', 'Xurshida', 'Yulduz', 'Zebo', 'Barno', 'Charos',
  'Diyora', 'Farangiz', 'Gavhar', 'Hilola', 'Iroda', 'Jamila', 'Kumush', 'Laylo', 'Maftuna', 'Munisa',
  'Nasiba', 'Ozoda', 'Robiya', 'Sabina', 'Sitora', 'Xadicha', 'Yoqutxon', 'Zuhra', 'Muazzam', 'Nafisa',
  'Rayhon', 'Sarvinoz', 'Shahlo', 'Shohida', 'Gulbahor', 'Mehriniso', 'Dilorom', 'Marhabo', 'Zilola', 'Mohinur',
  'Oysha', 'Fotima', 'Hulkar', 'Xolida', 'Muqaddas', 'Rano', 'Mukarram', 'Gulshan', 'Dilbar', 'Nigora',
  'Oʻlmasoy', 'Qunduz', 'Sanobar', 'Tanzila', 'Xosiyat', 'Yoqut', 'Zamira', 'Baxtigul', 'Guljahon', 'Hamida',
] as const;

/** Surname stems in their male form; the female form adds `a` (Joʻrayev → Joʻrayeva). */
export const SURNAMES = [
  'Joʻrayev', 'Karimov', 'Rahimov', 'Tursunov', 'Yusupov', 'Abdullayev', 'Aliyev', 'Xoʻjayev', 'Qodirov', 'Gʻulomov',
  'Ergashev', 'Usmonov', 'Mirzayev', 'Nazarov', 'Saidov', 'Toshmatov', 'Eshmatov', 'Haydarov', 'Ismoilov', 'Jalilov',
  'Kamolov', 'Latipov', 'Mahmudov', 'Normatov', 'Oʻrinov', 'Qosimov', 'Rasulov', 'Sobirov', 'Tojiboyev', 'Umarov',
  'Xolmatov', 'Yoʻldoshev', 'Zokirov', 'Boboyev', 'Davletov', 'Fayziyev', 'Hamroyev', 'Islomov', 'Juraqulov', 'Komilov',
  'Musayev', 'Nurmatov', 'Otajonov', 'Qurbonov', 'Rustamov', 'Sultonov', 'Toʻxtayev', 'Valiyev', 'Xasanov', 'Yoqubov',
  'Zaripov', 'Abduraxmonov', 'Baxtiyorov', 'Gʻaniyev', 'Ibragimov', 'Hakimov', 'Sharipov', 'Shodmonov', 'Choriyev', 'Egamberdiyev',
  'Mamatqulov', 'Olimov', 'Safarov', 'Turgʻunov', 'Xudoyberdiyev', 'Yunusov', 'Ahmedov', 'Berdiyev', 'Poʻlatov', 'Sodiqov',
  'Tillayev', 'Oripov', 'Asqarov', 'Bozorov', 'Daminov', 'Ermatov', 'Gʻoyibov', 'Husanov', 'Inoyatov', 'Jumayev',
  'Kenjayev', 'Luqmonov', 'Murodov', 'Nosirov', 'Ochilov', 'Pardayev', 'Qahhorov', 'Raxmatov', 'Sattorov', 'Tolipov',
  'Ubaydullayev', 'Vahobov', 'Xayitov', 'Yoqubjonov', 'Zoirov', 'Shermatov', 'Chorshanbiyev', 'Begmatov', 'Abdurasulov', 'Norqobilov',
] as const;
